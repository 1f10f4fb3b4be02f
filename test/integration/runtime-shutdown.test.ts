/**
 * Shutting the collector down (what SIGTERM does to the server, without Next.js): the
 * loops stop, a cycle stuck on a broker that never answers is abandoned after its grace
 * period instead of holding the shutdown, the history is checkpointed into its file (no
 * WAL left), and webhooks get a bounded time to deliver.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStore, shutdownRuntime, startRuntime } from '@/lib/collector/runtime';
import type { ClusterStateStore } from '@/lib/collector/state-store';
import { HISTORY_FILE } from '@/lib/history/database';
import { eventually, LOCAL_BROKERS, sleep } from '../helpers/local-cluster';
import { withTempDir } from '../helpers/temp-dir';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

const temp = withTempDir('watermark-shutdown');

/** Accepts connections and never answers: a broker whose process hangs. */
async function silentBroker(): Promise<{ address: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('shutdownRuntime', () => {
  let receiver: WebhookReceiver;
  let hung: Awaited<ReturnType<typeof silentBroker>>;
  let store: ClusterStateStore;
  const dataDir = () => temp.pathOf('data');
  const wal = () => path.join(dataDir(), `${HISTORY_FILE}-wal`);

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    receiver.hang = true;
    hung = await silentBroker();
    const config = {
      clusters: [
        { id: 'local', brokers: LOCAL_BROKERS, pollIntervalMs: 1000 },
        // Nothing listens on port 1: cluster-unreachable fires at once, to a receiver that never answers.
        {
          id: 'gone',
          brokers: ['127.0.0.1:1'],
          pollIntervalMs: 1000,
          requestTimeoutMs: 500,
          webhooks: [{ url: receiver.url }],
          alerts: { forSeconds: 0 },
        },
        // Its first cycle waits 20 s for an answer: running when the shutdown comes.
        { id: 'hung', brokers: [hung.address], pollIntervalMs: 1000, requestTimeoutMs: 20_000 },
      ],
    };
    startRuntime({
      WATERMARK_CONFIG: temp.write('watermark.json', JSON.stringify(config)),
      WATERMARK_DATA_DIR: dataDir(),
    });
    store = getStore();
  });

  afterAll(async () => {
    await shutdownRuntime({ cycleGraceMs: 0, webhookDeadlineMs: 0 });
    await receiver.close();
    await hung.close();
  });

  it('abandons a stuck cycle, checkpoints the history into its file and leaves undelivered webhooks behind, in seconds', async () => {
    await eventually(
      async () => (store.get('local')?.lastSuccessAt && receiver.bodies.length > 0 ? true : undefined),
      'a good cycle of the local cluster and a notification sent',
    );
    // A few cycles' history in the WAL.
    await sleep(1500);
    expect(fs.statSync(wal()).size).toBeGreaterThan(0);

    const started = performance.now();
    const report = await shutdownRuntime({ cycleGraceMs: 1_000, webhookDeadlineMs: 1_000 });
    const elapsedMs = performance.now() - started;

    expect(report).toMatchObject({ abandonedCycles: ['hung'], historyError: null, undeliveredNotifications: 1 });
    expect(report?.history?.walBytes).toBeGreaterThan(0);
    // One grace period for the stuck cycle, one deadline for the webhook: not the 20 s request timeout.
    expect(elapsedMs).toBeLessThan(4_000);
    // Nothing of the abandoned cycle was published.
    expect(store.get('hung')?.lastAttemptAt).toBeNull();
    expect(() => getStore()).toThrow(/not running/);
    // The WAL was copied into the file: none left, or empty.
    expect(fs.existsSync(wal()) ? fs.statSync(wal()).size : 0).toBe(0);
    const db = new Database(path.join(dataDir(), HISTORY_FILE), { readonly: true });
    try {
      const { count } = db.prepare('SELECT count(*) AS count FROM raw_frames').get() as { count: number };
      expect(count).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});
