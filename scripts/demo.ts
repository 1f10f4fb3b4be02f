/**
 * npm run demo: the local Kafka cluster (started if not running), the demo workload,
 * and the dashboard on http://localhost:3000 (PORT to change it), listening on loopback only
 * (WATERMARK_BIND_ADDRESS to change it). Ctrl-C stops what it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { down, runningVersion, up } from './kafka/cluster';
import { LOCAL_BROKERS, REPO_ROOT } from './kafka/layout';

const port = process.env.PORT ?? '3000';
/** The demo stays on this machine unless asked otherwise. */
const bindAddress = process.env.WATERMARK_BIND_ADDRESS ?? '127.0.0.1';
const env = { ...process.env, KAFKA_BROKERS: LOCAL_BROKERS.join(','), NEXT_TELEMETRY_DISABLED: '1' };

function start(name: string, bin: string, args: string[]): ChildProcess {
  const child = spawn(path.join(REPO_ROOT, 'node_modules', '.bin', bin), args, {
    cwd: REPO_ROOT,
    env,
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`${name} exited (${signal ?? `code ${code}`}).`);
  });
  return child;
}

let stopping = false;

async function main(): Promise<void> {
  const startedHere = runningVersion() === null;
  await up();
  const children = [
    start('workload', 'tsx', ['scripts/workload/cli.ts']),
    start('dashboard', 'next', ['dev', '-p', port, '-H', bindAddress]),
  ];
  console.log(
    `\nWatermark: http://localhost:${port}  (Ctrl-C stops the dashboard, the workload${startedHere ? ' and the cluster' : ''})\n`,
  );

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    if (startedHere) await down();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(`demo: ${error.message}`);
  process.exit(1);
});
