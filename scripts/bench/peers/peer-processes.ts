/**
 * Starts the three pollers against one cluster, each in a process group of its own
 * (stopping one reaches whatever it started), with its output in a log file of the run.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { nextBin } from '../../demo/production-build';
import { startChild, stopChildren, type DemoChild } from '../../demo/child-processes';
import { REPO_ROOT } from '../../kafka/layout';
import { BURROW_CLUSTER, burrowConfig, kminionConfig, watermarkConfig } from './peer-configs';

export interface Poller {
  name: string;
  child: DemoChild;
  metricsUrl: string;
  /** The output of the process, shown when it fails. */
  logFile: string;
}

export interface PollerSetup {
  brokers: string[];
  intervalSeconds: number;
  /** The run's temporary folder: configs, logs, Watermark's data. */
  dir: string;
}

/** A port nobody listens on now, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function start(name: string, command: string, args: string[], env: Record<string, string>, dir: string, cwd = dir) {
  const logFile = path.join(dir, `${name.toLowerCase()}.log`);
  const out = fs.openSync(logFile, 'a');
  const child = startChild(name, command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  return { child, logFile };
}

export async function startKminion(binary: string, setup: PollerSetup): Promise<Poller> {
  const port = await freePort();
  const config = path.join(setup.dir, 'kminion.yaml');
  fs.writeFileSync(config, kminionConfig({ ...setup, port }));
  const started = start('KMinion', binary, [], { CONFIG_FILEPATH: config }, setup.dir);
  return { name: 'KMinion 2.3.5', ...started, metricsUrl: `http://127.0.0.1:${port}/metrics` };
}

export interface BurrowPoller extends Poller {
  /** Burrow's HTTP API: the consumer groups it knows of. */
  consumersUrl: string;
}

export async function startBurrow(binary: string, setup: PollerSetup): Promise<BurrowPoller> {
  const port = await freePort();
  fs.writeFileSync(path.join(setup.dir, 'burrow.toml'), burrowConfig({ ...setup, port }, setup.dir));
  const started = start('Burrow', binary, ['--config-dir', setup.dir], {}, setup.dir);
  const base = `http://127.0.0.1:${port}`;
  return {
    name: 'Burrow 1.9.5',
    ...started,
    metricsUrl: `${base}/metrics`,
    consumersUrl: `${base}/v3/kafka/${BURROW_CLUSTER}/consumer`,
  };
}

/** `next start` of the production build, with a fresh data folder (its history database). */
export function startWatermark(setup: PollerSetup, port: number): Poller {
  const config = path.join(setup.dir, 'watermark.json');
  fs.writeFileSync(config, watermarkConfig(setup));
  const dataDir = path.join(setup.dir, 'watermark-data');
  fs.mkdirSync(dataDir);
  const env = {
    KAFKA_BROKERS: setup.brokers.join(','),
    WATERMARK_CONFIG: config,
    WATERMARK_DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  const args = [nextBin(REPO_ROOT), 'start', '-p', String(port), '-H', '127.0.0.1'];
  const started = start('Watermark', process.execPath, args, env, setup.dir, REPO_ROOT);
  return { name: 'Watermark', ...started, metricsUrl: `http://127.0.0.1:${port}/api/metrics` };
}

const STOP_GRACE_MS = 10_000;

/** Stops every poller (SIGTERM, then SIGKILL after 10 s); returns the names that had to be killed. */
export function stopPollers(pollers: Poller[]): Promise<string[]> {
  return stopChildren(
    pollers.map((p) => p.child),
    STOP_GRACE_MS,
  );
}

/** The last lines of a poller's output, for an error message. */
export function logTail(poller: Poller, lines = 15): string {
  try {
    return fs.readFileSync(poller.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}
