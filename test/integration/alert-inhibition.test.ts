/**
 * One broker down is one cause. Through the real runtime on the local cluster: stopping
 * a broker raises broker-unreachable as the only new root alert; the offline and
 * under-replicated partitions it leaves (and any skew its absence makes) are inhibited:
 * listed under it in the API and the metrics, counted as kafka-topics counts them, and
 * never sent to the webhook. Once the broker is back, each of them either resolves
 * without a word or, if it still holds, becomes an alert of its own and is sent then.
 *
 * Stops broker 3 of the cluster it runs against, and always restarts it.
 */
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getAllAlertsRoute } from '@/app/api/alerts/route';
import { GET as getAlertsRoute } from '@/app/api/clusters/[cluster]/alerts/route';
import { GET as getMetricsRoute } from '@/app/api/metrics/route';
import { AllAlertsResponse, AlertsResponse, type AlertView } from '@/lib/api/alert-schemas';
import type { JsonPayload } from '@/lib/alerts/notifiers/webhook-payloads';
import { startRuntime, stopRuntime } from '@/lib/collector/runtime';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import {
  eventually,
  LOCAL_BROKERS,
  runKafkaTool,
  sleep,
  startBroker,
  stopBroker,
  uniqueName,
} from '../helpers/local-cluster';
import { withTempDir } from '../helpers/temp-dir';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

const CLUSTER = uniqueName('inhibit');
const FOR_SECONDS = 5;
const BROKER = 3;

describe('one broker down: one root alert', { timeout: 420_000 }, () => {
  const fixture = useKafkaFixture('inhibit');
  const temp = withTempDir('watermark-inhibition');
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    const config = {
      clusters: [
        {
          id: CLUSTER,
          brokers: LOCAL_BROKERS,
          pollIntervalMs: 1000,
          webhooks: [{ url: receiver.url }],
          // Long enough for a broker's controlled shutdown (its leaders move first) to end in its absence.
          alerts: { forSeconds: FOR_SECONDS, resolveAfterSeconds: 5 },
        },
      ],
    };
    startRuntime({
      WATERMARK_CONFIG: temp.write('watermark.json', JSON.stringify(config)),
      WATERMARK_DATA_DIR: temp.pathOf('data'),
    });
  });

  afterAll(async () => {
    await startBroker(BROKER, () => undefined);
    await stopRuntime();
    await receiver?.close();
  });

  async function active(): Promise<AlertView[]> {
    const response = await getAlertsRoute(new Request('http://localhost/'), {
      params: Promise.resolve({ cluster: CLUSTER }),
    });
    return AlertsResponse.parse(await response.json()).active;
  }
  const sentFor = (key: string) =>
    (receiver.bodies as JsonPayload[]).filter((b) => b.alert.key === key).map((b) => b.event);

  it('raises broker-unreachable alone; offline, under-replicated and skew go under it, unsent, until it is back', async () => {
    await fixture.createTopic(6);
    await fixture.createTopicWith({ replicaAssignment: [{ partition: 0, replicas: [BROKER] }] });
    // What fires before the outage (hygiene for single-replica topics, say) is not part of it.
    await sleep((FOR_SECONDS + 3) * 1000);
    const before = new Set((await active()).map((a) => a.key));
    const cause = `broker-unreachable:${CLUSTER}:${BROKER}`;

    await stopBroker(BROKER, () => undefined);
    try {
      // The outage's alerts, once every one of them has fired and the counts match Kafka's.
      const outage = await eventually(async () => {
        const news = (await active()).filter((a) => !before.has(a.key));
        const rules = new Set(news.map((a) => a.rule));
        if (!['broker-unreachable', 'offline-partitions', 'under-replicated-partitions'].every((r) => rules.has(r))) {
          return undefined;
        }
        if (news.some((a) => a.status !== 'firing')) return undefined;
        const tool = {
          offline: await countFromTool('--unavailable-partitions'),
          under: await countFromTool('--under-replicated-partitions'),
        };
        const ours = {
          offline: news.find((a) => a.rule === 'offline-partitions')?.value,
          under: news.find((a) => a.rule === 'under-replicated-partitions')?.value,
        };
        return ours.offline === tool.offline && ours.under === tool.under ? { news, tool } : undefined;
      }, 'the outage alerts to fire with the counts of kafka-topics');
      console.log(
        'broker down:',
        outage.news.map((a) => `${a.key} ${a.value} ← ${a.inhibitedBy ?? 'root'}`),
        'kafka-topics',
        outage.tool,
      );

      const roots = outage.news.filter((a) => a.inhibitedBy === null);
      expect(roots.map((a) => a.key)).toEqual([cause]);
      const inhibited = outage.news.filter((a) => a.inhibitedBy !== null);
      expect(inhibited.length).toBeGreaterThanOrEqual(2);
      for (const a of inhibited) expect(a.inhibitedBy).toBe(cause);

      // Sent: the cause only.
      await eventually(async () => (sentFor(cause).includes('fired') ? true : undefined), 'the cause to be sent');
      for (const a of inhibited) expect(sentFor(a.key)).toEqual([]);
      // Every reader says the same: the metrics' inhibited_by and the all-clusters counts.
      const alertSamples = parsePrometheusTextFormat(
        await (await getMetricsRoute(new Request('http://127.0.0.1/api/metrics'))).text(),
      )
        .find((f) => f.name === 'watermark_alert')!
        .metrics.filter((m) => m.labels?.cluster_name === CLUSTER);
      for (const a of inhibited) {
        expect(alertSamples.find((m) => m.labels?.key === a.key)?.labels?.inhibited_by).toBe(cause);
      }
      const all = AllAlertsResponse.parse(
        await (await getAllAlertsRoute(new Request('http://localhost/api/alerts'))).json(),
      );
      const counts = all.clusters.find((c) => c.id === CLUSTER)!;
      expect(counts.inhibited).toBeGreaterThanOrEqual(inhibited.length);

      await startBroker(BROKER, () => undefined);
      await eventually(
        async () => (sentFor(cause).includes('resolved') ? true : undefined),
        'the broker alert to resolve',
        120_000,
      );
      // Each consequence resolves while still inhibited, without a word, or, still holding once its
      // cause resolved (a replica catching up, leaders not yet moved back), is sent as an alert of its own.
      const after = await eventually(
        async () => {
          const now = await active();
          const fates = inhibited.map((a) => {
            const still = now.find((b) => b.key === a.key);
            if (!still) return { key: a.key, fate: 'resolved', sent: sentFor(a.key) };
            if (still.inhibitedBy === null && sentFor(a.key).includes('fired')) {
              return { key: a.key, fate: 'own alert', sent: sentFor(a.key) };
            }
            return undefined;
          });
          return fates.every((f) => f !== undefined) ? fates : undefined;
        },
        'every consequence to resolve or stand on its own',
        180_000,
      );
      console.log('after the broker came back:', after);
      const bodies = receiver.bodies as JsonPayload[];
      const causeResolved = bodies.findIndex((b) => b.alert.key === cause && b.event === 'resolved');
      for (const { key, fate, sent } of after) {
        if (fate === 'own alert') expect(sent).toEqual(['fired']);
        else expect([[], ['fired', 'resolved']]).toContainEqual(sent);
        const fired = bodies.findIndex((b) => b.alert.key === key && b.event === 'fired');
        if (fired >= 0) expect(fired).toBeGreaterThan(causeResolved);
      }
    } finally {
      await startBroker(BROKER, () => undefined);
    }
  });
});

/** Partitions kafka-topics --describe lists with `flag` (over all topics). */
async function countFromTool(flag: string): Promise<number> {
  const { stdout } = await runKafkaTool('kafka-topics', ['--describe', flag]);
  return stdout.split('\n').filter((line) => /Topic:\s*\S+\s+Partition:\s*\d+/.test(line)).length;
}
