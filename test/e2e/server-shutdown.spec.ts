/**
 * `next start` run as a service: its log is JSON lines without secrets, /api/metrics
 * tells its own health, and SIGTERM stops it cleanly (every step logged, history
 * checkpointed into its file, exit 0) within seconds; a second signal exits at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_FILE } from '@/lib/history/database';
import packageJson from '@/package.json';
import { parseLogLines } from '../helpers/log-capture';
import { E2E_PORT } from '../helpers/next-global-setup';
import { spawnNextServer, waitForNextServer, type NextServer } from '../helpers/next-server';
import { eventually, LOCAL_BROKERS, sleep } from '../helpers/local-cluster';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

const PORT = E2E_PORT + 2;
const PASSWORD = 'pw-that-must-never-be-logged';

let dir = '';
let receiver: WebhookReceiver;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watermark-e2e-shutdown-'));
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The local cluster, and one nobody answers for (port 1), whose cluster-unreachable alert goes to the receiver. */
function startServer(name: string): { server: NextServer; dataDir: string } {
  const dataDir = path.join(dir, name);
  const config = {
    clusters: [
      { id: 'default', brokers: LOCAL_BROKERS, pollIntervalMs: 1000 },
      {
        id: 'gone',
        brokers: ['127.0.0.1:1'],
        pollIntervalMs: 1000,
        requestTimeoutMs: 500,
        sasl: { mechanism: 'SCRAM-SHA-512', username: 'watermark', password: { env: 'GONE_PASSWORD' } },
        webhooks: [{ url: `${receiver.url}/services/T000/B000/secret-token` }],
        alerts: { forSeconds: 0 },
      },
    ],
  };
  const configFile = path.join(dir, `${name}.json`);
  fs.writeFileSync(configFile, JSON.stringify(config));
  const server = spawnNextServer(PORT, {
    WATERMARK_CONFIG: configFile,
    WATERMARK_DATA_DIR: dataDir,
    GONE_PASSWORD: PASSWORD,
    LOG_LEVEL: 'info',
  });
  return { server, dataDir };
}

/** The value of one sample line (`name{labels} value` or `name value`) in a scrape; undefined when absent. */
function sampleOf(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(labels ? `${name}{${labels}` : `${name} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function exitWithin(server: NextServer, ms: number): Promise<number | string> {
  return Promise.race([server.exited, sleep(ms).then(() => `still running after ${ms} ms`)]);
}

describe('next start as a service', () => {
  it('reports its own health in /api/metrics, then on SIGTERM stops cleanly in seconds, exit 0', async () => {
    const { server, dataDir } = startServer('clean');
    try {
      await waitForNextServer(server);
      // Two cycles of the local cluster, and the gone cluster's alert delivered.
      const metrics = await eventually(async () => {
        const text = await (await fetch(`${server.url}/api/metrics`)).text();
        const cycles = sampleOf(text, 'watermark_collector_cycles_total', 'cluster_name="default"') ?? 0;
        const delivered = sampleOf(text, 'watermark_webhook_delivered_total', 'cluster_name="gone"') ?? 0;
        return cycles >= 2 && delivered >= 1 ? text : undefined;
      }, 'two cycles and a delivered notification');

      expect(metrics).toContain(
        `watermark_build_info{version="${packageJson.version}",node_version="${process.version}"} 1\n`,
      );
      const cycles = sampleOf(metrics, 'watermark_collector_cycles_total', 'cluster_name="default"')!;
      expect(sampleOf(metrics, 'watermark_collector_cycle_failures_total', 'cluster_name="default"')).toBe(0);
      expect(sampleOf(metrics, 'watermark_collector_cycle_duration_seconds_count', 'cluster_name="default"')).toBe(
        cycles,
      );
      // A cycle of a 3-broker cluster on this machine: milliseconds, well under a poll interval each.
      const durationSum = sampleOf(
        metrics,
        'watermark_collector_cycle_duration_seconds_sum',
        'cluster_name="default"',
      )!;
      expect(durationSum).toBeGreaterThan(0);
      expect(durationSum / cycles).toBeLessThan(1);
      const goneCycles = sampleOf(metrics, 'watermark_collector_cycles_total', 'cluster_name="gone"')!;
      expect(sampleOf(metrics, 'watermark_collector_cycle_failures_total', 'cluster_name="gone"')).toBe(goneCycles);
      const hook = 'cluster_name="gone",webhook="0",target="http://127.0.0.1:';
      expect(sampleOf(metrics, 'watermark_webhook_queue_depth', hook)).toBe(0);
      expect(sampleOf(metrics, 'watermark_webhook_failed_attempts_total', hook)).toBe(0);
      expect(metrics).not.toContain('secret-token');
      const rss = sampleOf(metrics, 'process_resident_memory_bytes')!;
      expect(rss).toBeGreaterThan(50 * 1024 * 1024);
      expect(rss).toBeLessThan(4 * 1024 * 1024 * 1024);
      expect(sampleOf(metrics, 'nodejs_heap_size_used_bytes')).toBeLessThanOrEqual(
        sampleOf(metrics, 'nodejs_heap_size_total_bytes')!,
      );
      expect(sampleOf(metrics, 'process_cpu_seconds_total')).toBeGreaterThan(0);
      expect(sampleOf(metrics, 'process_start_time_seconds')).toBeLessThan(Date.now() / 1000);
      const lagP50 = sampleOf(metrics, 'nodejs_eventloop_lag_p50_seconds')!;
      expect(lagP50).toBeGreaterThanOrEqual(0.005);
      expect(lagP50).toBeLessThan(1);
      expect(sampleOf(metrics, 'nodejs_gc_duration_seconds_count', 'kind="minor"')).toBeGreaterThan(0);

      const walFile = path.join(dataDir, `${HISTORY_FILE}-wal`);
      expect(fs.statSync(walFile).size).toBeGreaterThan(0);
      const signalledAt = performance.now();
      server.child.kill('SIGTERM');
      expect(await exitWithin(server, 10_000)).toBe(0);
      expect(performance.now() - signalledAt).toBeLessThan(5_000);
      expect(fs.existsSync(walFile) ? fs.statSync(walFile).size : 0).toBe(0);

      const records = parseLogLines(server.output());
      const messages = records.map((r) => r.msg);
      expect(records[0]).toMatchObject({
        level: 'info',
        component: 'start',
        version: packageJson.version,
        clusters: [
          { id: 'default', brokers: 3, tls: false, sasl: null, pollIntervalMs: 1000, webhooks: 0 },
          { id: 'gone', brokers: 1, sasl: { mechanism: 'SCRAM-SHA-512', username: 'watermark' }, webhooks: 1 },
        ],
        history: { dataDir, horizonDays: 7 },
      });
      // The gone cluster's outage: logged once, not every cycle.
      expect(records.filter((r) => r.cluster === 'gone' && r.level === 'error')).toEqual([
        expect.objectContaining({
          component: 'collector',
          errorKind: 'unreachable',
          msg: expect.stringMatching(/^cluster gone: Cluster unreachable: /),
        }),
      ]);
      const shutdown = messages.slice(messages.indexOf('SIGTERM: shutting down'));
      expect(shutdown).toEqual([
        'SIGTERM: shutting down',
        'HTTP closed; no request was cut',
        'collection stopped on 2 clusters',
        expect.stringMatching(/^history checkpointed \(\d+ WAL bytes into the file\) and closed$/),
        expect.stringMatching(/^shut down in \d+ ms$/),
      ]);
      const output = server.output();
      expect(output).not.toContain(PASSWORD);
      expect(output).not.toContain('secret-token');
    } finally {
      await server.stop();
    }
  });

  it('exits at once on a second SIGTERM while the first waits for a webhook that does not answer', async () => {
    receiver.hang = true;
    const before = receiver.bodies.length;
    const { server } = startServer('impatient');
    try {
      await waitForNextServer(server);
      // The gone cluster's alert reaches the receiver, which holds it: a delivery in flight.
      await eventually(async () => (receiver.bodies.length > before ? true : undefined), 'a notification in flight');
      server.child.kill('SIGTERM');
      // Past the window in which a repeated signal counts as the same Ctrl-C, inside the 5 s webhook drain.
      await sleep(2_000);
      expect(server.child.exitCode).toBeNull();
      const secondAt = performance.now();
      server.child.kill('SIGTERM');
      expect(await exitWithin(server, 5_000)).toBe(143);
      expect(performance.now() - secondAt).toBeLessThan(1_000);
      expect(parseLogLines(server.output()).map((r) => r.msg)).toContain('SIGTERM during shutdown: exiting now');
    } finally {
      receiver.hang = false;
      await server.stop();
    }
  });
});
