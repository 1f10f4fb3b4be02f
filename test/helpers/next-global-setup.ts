/**
 * Starts `next start` (from an existing `next build`) against the local cluster for browser tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { LOCAL_BROKERS } from '../../scripts/kafka/layout';
import { startWebhookReceiver } from './webhook-receiver';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const ROOT = path.resolve(__dirname, '..', '..');

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`next start did not answer on ${url} within ${timeoutMs / 1000}s`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    throw new Error('No production build: run `npm run build` before the browser tests (npm test does).');
  }
  const dataDir = fs.mkdtempSync(path.join(ROOT, '.next', 'e2e-data-'));
  const receiver = await startWebhookReceiver();
  // Cluster "default", polled every 2 s; alerts fire at once and resolve 5 s after they clear,
  // so a test sees them within seconds; every alert goes to the receiver above.
  const configFile = path.join(dataDir, 'watermark.json');
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      clusters: [
        {
          id: 'default',
          brokers: LOCAL_BROKERS,
          pollIntervalMs: 2000,
          webhooks: [{ url: receiver.url, format: 'json' }],
          alerts: { forSeconds: 0, resolveAfterSeconds: 5 },
        },
      ],
    }),
  );
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(E2E_PORT)],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        WATERMARK_CONFIG: configFile,
        WATERMARK_DATA_DIR: dataDir,
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  child.stdout?.on('data', (chunk) => output.push(String(chunk)));
  child.stderr?.on('data', (chunk) => output.push(String(chunk)));
  try {
    await waitForHttp(`http://127.0.0.1:${E2E_PORT}/`, child, 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    await receiver.close();
    throw new Error(`${(error as Error).message}\n${output.join('')}`);
  }
  project.provide('baseUrl', `http://127.0.0.1:${E2E_PORT}`);
  project.provide('webhookReceivedUrl', new URL('/received', receiver.url).href);
  return async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await receiver.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** GET: every alert notification the server's webhook sent so far, as JSON. */
    webhookReceivedUrl: string;
  }
}
