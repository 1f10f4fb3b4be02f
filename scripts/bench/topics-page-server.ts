/**
 * `next start` (from an existing build) on a free port, with its own history directory,
 * for `npm run bench:topics-page`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { checkInterrupted } from './interrupt';

const ROOT = path.resolve(__dirname, '..', '..');

export interface BenchServer {
  baseUrl: string;
  /** Stops the server and deletes its data directory. */
  stop(): Promise<void>;
}

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    throw new Error('No production build: run `npx next build` first.');
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, output: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}\n${output.join('')}`);
    checkInterrupted();
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`next start did not answer on ${url} within ${timeoutMs / 1000}s\n${output.join('')}`);
}

export async function startBenchServer(brokers: string[]): Promise<BenchServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'watermark-bench-topics-'));
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port)],
    {
      cwd: ROOT,
      env: { ...process.env, KAFKA_BROKERS: brokers.join(','), WATERMARK_DATA_DIR: dataDir, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a Ctrl-C in the terminal reaches the bench, which stops the server after cleanup.
      detached: true,
    },
  );
  const output: string[] = [];
  child.stdout?.on('data', (chunk) => output.push(String(chunk)));
  child.stderr?.on('data', (chunk) => output.push(String(chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, 'SIGTERM');
      const timeout = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timeout);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${baseUrl}/`, child, output, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}

/** Polls the topic list until it holds `count` topics under `prefix`; returns the last response's size in bytes. */
export async function waitForTopicList(
  baseUrl: string,
  prefix: string,
  count: number,
  timeoutMs: number,
): Promise<{ bytes: number; topics: number }> {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  for (;;) {
    checkInterrupted();
    const response = await fetch(`${baseUrl}/api/clusters/default/topics`).catch(() => null);
    if (response?.ok) {
      const text = await response.text();
      const { topics } = JSON.parse(text) as { topics: { name: string }[] };
      seen = topics.filter((t) => t.name.startsWith(prefix)).length;
      if (seen === count) return { bytes: text.length, topics: topics.length };
    }
    if (Date.now() > deadline)
      throw new Error(`the API listed ${seen} of ${count} bench topics after ${timeoutMs / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
