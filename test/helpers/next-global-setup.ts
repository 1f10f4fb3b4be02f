/**
 * Starts `next start` (from an existing `next build`) against the local cluster for browser tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { LOCAL_BROKERS } from '../../scripts/kafka/layout';
import { spawnNextServer, waitForNextServer } from './next-server';
import { startWebhookReceiver } from './webhook-receiver';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const ROOT = path.resolve(__dirname, '..', '..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    throw new Error('No production build: run `npm run build` before the browser tests (npm test does).');
  }
  const dataDir = fs.mkdtempSync(path.join(ROOT, '.next', 'e2e-data-'));
  const receiver = await startWebhookReceiver();
  // Cluster "default", polled every 2 s; alerts fire at once and resolve 5 s after they clear,
  // so a test sees them within seconds; every alert goes to the receiver above. Groups named
  // e2e-lagging-* warn after 1 s of time lag, for tests that need a group alert at once.
  // Record previews on, redacting card numbers, for the stuck-record test.
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
          recordPreview: { maxBytes: 64, redact: ['\\d{4}( \\d{4}){3}'] },
          alerts: {
            forSeconds: 0,
            resolveAfterSeconds: 5,
            overrides: [{ group: 'e2e-lagging-*', timeLagSeconds: 1 }],
          },
        },
      ],
    }),
  );
  const logFile = path.join(dataDir, 'server.log');
  const server = spawnNextServer(E2E_PORT, { WATERMARK_CONFIG: configFile, WATERMARK_DATA_DIR: dataDir }, logFile);
  try {
    await waitForNextServer(server);
  } catch (error) {
    await server.stop();
    await receiver.close();
    throw error;
  }
  project.provide('baseUrl', server.url);
  project.provide('serverPid', server.child.pid!);
  project.provide('serverLogFile', logFile);
  project.provide('webhookReceivedUrl', new URL('/received', receiver.url).href);
  return async () => {
    await server.stop();
    await receiver.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The `next start` process, to read its memory from /proc. */
    serverPid: number;
    /** Everything the server wrote to stdout and stderr. */
    serverLogFile: string;
    /** GET: every alert notification the server's webhook sent so far, as JSON. */
    webhookReceivedUrl: string;
  }
}
