/**
 * Runs the production build (`next start`) as its own process, as the browser tests
 * and the server-level tests need it: its output is kept, and its exit is observable.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export interface NextServer {
  /** Where the app answers: http://127.0.0.1:port, plus the base path of a build under one. */
  url: string;
  child: ChildProcess;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<number | string>;
  stop(): Promise<void>;
}

/**
 * Starts `next start -p port` with `env` over this process's environment; does not wait for it.
 * With WATERMARK_BASE_PATH and WATERMARK_DIST_DIR in `env`, it serves that build under its path.
 * `logFile`: also append its output there, for tests in other processes to read.
 */
export function spawnNextServer(port: number, env: Record<string, string>, logFile?: string): NextServer {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port)],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const chunks: string[] = [];
  const keep = (chunk: Buffer) => {
    chunks.push(String(chunk));
    if (logFile) fs.appendFileSync(logFile, chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return {
    url: `http://127.0.0.1:${port}${env.WATERMARK_BASE_PATH ?? ''}`,
    child,
    output: () => chunks.join(''),
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Waits until the server answers below 500, or throws with its output if it exits or takes too long. */
export async function waitForNextServer(server: NextServer, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(`next start exited with code ${server.child.exitCode}\n${server.output()}`);
    }
    try {
      const response = await fetch(`${server.url}/api/health/live`);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`next start did not answer on ${server.url} within ${timeoutMs / 1000}s\n${server.output()}`);
}
