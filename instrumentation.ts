/**
 * Next.js calls register() once per server process: start the collector there, on
 * the Node.js runtime only. From then on SIGTERM and SIGINT shut it down cleanly
 * (lib/collector/start.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startCollectorOrExit } = await import('./lib/collector/start');
  startCollectorOrExit();
}
