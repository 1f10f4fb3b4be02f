/**
 * Next.js calls register() once per server process: start the collector there,
 * on the Node.js runtime only. A bad configuration stops the server with one line.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startRuntime } = await import('./lib/collector/runtime');
  const { ConfigError } = await import('./lib/config/load-config');
  try {
    const runtime = startRuntime();
    const names = runtime.config.clusters.map((c) => `${c.id} (${c.brokers.length} bootstrap brokers)`).join(', ');
    console.log(`[watermark] collecting from ${names}`);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[watermark] invalid configuration: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
