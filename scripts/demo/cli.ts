/**
 * npm run demo: the local Kafka cluster (started if not running), the demo workload, and
 * the dashboard on http://localhost:3000 (PORT to change it), listening on loopback only
 * (WATERMARK_BIND_ADDRESS to change it) and polling the cluster every 5 s. The dashboard
 * is a production build, made while Kafka starts and reused as long as the sources do not
 * change, so every page answers at once. Flags go to the workload:
 * `npm run demo -- --payments-rate=80`.
 *
 * Ctrl-C (or SIGTERM, SIGHUP) stops the dashboard, the workload and, if this run started
 * it, the cluster, in about 10 s; a second Ctrl-C kills whatever is left at once.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { down, runningVersion, up } from '../kafka/cluster';
import { LOCAL_BROKERS, REPO_ROOT } from '../kafka/layout';
import { parseOptions } from '../workload/options';
import { sleep, startChild, stopChildren, type DemoChild } from './child-processes';
import { nextBin, startProductionBuild } from './production-build';

const port = Number(process.env.PORT ?? '3000');
/** The demo stays on this machine unless asked otherwise. */
const bindAddress = process.env.WATERMARK_BIND_ADDRESS ?? '127.0.0.1';
const env = { ...process.env, KAFKA_BROKERS: LOCAL_BROKERS.join(','), NEXT_TELEMETRY_DISABLED: '1' };
/** The dashboard shuts down within about 5 s and the workload within 3 s; past this they are killed. */
const CHILD_GRACE_MS = 8_000;
const DASHBOARD_READY_TIMEOUT_MS = 60_000;
/** Twice as often as the default 10 s, so the first charts and rates appear within seconds. */
const DEMO_POLL_INTERVAL_MS = 5_000;
/** A second signal this soon after the first is the same Ctrl-C (delivered by the terminal and by npm). */
const REPEAT_WINDOW_MS = 1_000;

const log = (line: string) => console.log(`demo: ${line}`);
const children: DemoChild[] = [];
const startedAt = Date.now();
/** Whether this run found the cluster running, or started it (null: not looked at yet). */
let cluster: 'reused' | 'started' | null = null;
let stopping: { atMs: number } | null = null;

/** Keeps `child` for the shutdown; says so if it ends on its own, unless `expectExit` (the build). */
function watch(child: DemoChild, options: { expectExit?: boolean; onUnexpectedExit?: () => void } = {}): DemoChild {
  children.push(child);
  void child.exited.then((how) => {
    if (stopping || (options.expectExit && how === 0)) return;
    log(`${child.name} exited (${how}).`);
    options.onUnexpectedExit?.();
  });
  return child;
}

function ensurePortFree(): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`port ${port} on ${bindAddress} is not free (${error.code}): set PORT to another one.`)),
    );
    server.listen(port, bindAddress, () => server.close(() => resolve()));
  });
}

/**
 * The dashboard's configuration, in a temporary folder removed on exit: the local cluster
 * as "default", polled every 5 s. It replaces any WATERMARK_CONFIG of the caller's, which
 * would show other clusters than the demo's.
 */
function writeDashboardConfig(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watermark-demo-'));
  const file = path.join(dir, 'watermark.json');
  const config = { clusters: [{ id: 'default', brokers: LOCAL_BROKERS, pollIntervalMs: DEMO_POLL_INTERVAL_MS }] };
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return file;
}

async function waitForDashboard(): Promise<boolean> {
  const loopback = ['0.0.0.0', '::', 'localhost'].includes(bindAddress);
  const host = loopback ? '127.0.0.1' : net.isIPv6(bindAddress) ? `[${bindAddress}]` : bindAddress;
  const deadline = Date.now() + DASHBOARD_READY_TIMEOUT_MS;
  while (Date.now() < deadline && !stopping) {
    try {
      if ((await fetch(`http://${host}:${port}/api/health/live`)).ok) return true;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  return false;
}

async function main(): Promise<void> {
  const workloadArgs = process.argv.slice(2);
  parseOptions(workloadArgs, LOCAL_BROKERS, env); // refuses a bad flag before anything starts
  await ensurePortFree();
  cluster = runningVersion() === null ? 'started' : 'reused';
  const build = startProductionBuild(REPO_ROOT, env, log);
  if (build.child) watch(build.child, { expectExit: true });
  await up(log);
  if (stopping) return;
  watch(
    startChild('workload', process.execPath, ['--import', 'tsx', 'scripts/workload/cli.ts', ...workloadArgs], {
      cwd: REPO_ROOT,
      env,
    }),
  );
  await build.ready;
  if (stopping) return;
  const dashboard = startChild(
    'dashboard',
    process.execPath,
    [nextBin(REPO_ROOT), 'start', '-p', String(port), '-H', bindAddress],
    { cwd: REPO_ROOT, env: { ...env, WATERMARK_CONFIG: writeDashboardConfig() } },
  );
  watch(dashboard, { onUnexpectedExit: () => void stop(1) });
  if (await waitForDashboard()) {
    const seconds = Math.round((Date.now() - startedAt) / 1000);
    const what =
      cluster === 'started' ? 'the dashboard, the workload and the cluster' : 'the dashboard and the workload';
    console.log(`\nWatermark: http://localhost:${port}  (ready in ${seconds} s; Ctrl-C stops ${what})\n`);
  }
}

async function stop(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = { atMs: Date.now() };
  const running = children.filter((child) => child.process.exitCode === null && child.process.signalCode === null);
  if (running.length > 0) log(`stopping ${running.map((child) => child.name).join(', ')}...`);
  // The brokers' controlled shutdown takes most of the time (about 9 s here): it runs
  // beside the children's, whose Kafka clients give up within seconds once brokers leave.
  const [killed] = await Promise.all([
    stopChildren(children, CHILD_GRACE_MS),
    cluster === 'started' ? down(log) : Promise.resolve(),
  ]);
  if (killed.length > 0) log(`${killed.join(', ')} did not stop within ${CHILD_GRACE_MS / 1000} s: killed.`);
  if (cluster === 'reused') log('the Kafka cluster was running before the demo: left running.');
  if (children.length > 0 || cluster) log(`stopped in ${((Date.now() - stopping.atMs) / 1000).toFixed(1)} s.`);
  process.exit(exitCode);
}

function onSignal(signal: NodeJS.Signals): void {
  if (!stopping) {
    void stop(0);
    return;
  }
  if (Date.now() - stopping.atMs < REPEAT_WINDOW_MS) return;
  log(
    `${signal} again: killing what is left${cluster === 'started' ? ' (the cluster keeps running: npm run kafka:down)' : ''}.`,
  );
  for (const child of children) {
    try {
      if (child.process.pid) process.kill(-child.process.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  process.exit(130);
}

process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('SIGHUP', onSignal);

main().catch(async (error: Error) => {
  // A Ctrl-C during a synchronous step (Maven, formatting storage) fails that step first.
  await sleep(100);
  if (stopping) return;
  console.error(`demo: ${error.message}`);
  await stop(1);
});
