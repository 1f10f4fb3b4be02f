/**
 * Every alert rule from a real condition on the local cluster, end to end through
 * the real runtime: the condition fires in GET /api/clusters/{c}/alerts, in
 * /api/metrics and at a webhook receiver started here, then resolves after recovery.
 * The numbers an alert carries are checked against Kafka's own tools where one exists.
 * A dead or hanging receiver must not delay collection cycles (measured at the end).
 *
 * Not triggered here: controller-missing. On KRaft, Metadata names a live broker as
 * the controller to clients, so it cannot be provoked without losing the whole cluster
 * (unit-tested on snapshots instead). A broker down (broker-unreachable, with the offline
 * and under-replicated partitions it inhibits) is alert-inhibition.test.ts.
 */
import fs from 'node:fs';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getAlertsRoute } from '@/app/api/clusters/[cluster]/alerts/route';
import { GET as getBrokersRoute } from '@/app/api/clusters/[cluster]/brokers/route';
import { GET as getMetricsRoute } from '@/app/api/metrics/route';
import { AlertsResponse, type AlertView } from '@/lib/api/alert-schemas';
import { BrokersResponse } from '@/lib/api/schemas';
import { getStore, startRuntime, stopRuntime } from '@/lib/collector/runtime';
import type { JsonPayload } from '@/lib/alerts/notifiers/webhook-payloads';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { commitOffsetWithTool, describeGroupWithTool, offsetsFromTool } from '../helpers/kafka-tool-readings';
import {
  collectNow,
  eventually,
  LOCAL_BROKERS,
  runKafkaTool,
  sendWithRetry,
  sleep,
  uniqueName,
} from '../helpers/local-cluster';
import { startSteadyProducer } from '../helpers/test-pipeline';
import { withTempDir } from '../helpers/temp-dir';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

const CLUSTER = uniqueName('alerts');
const POLL_MS = 1000;
/** Names this file's groups and topics start with, so overrides can target them alone. */
const SLOW = uniqueName('slow');
const SOON = uniqueName('soon');
/** A second configured cluster that cannot be reached. */
const GONE = `${CLUSTER}-gone`;

type Alert = AlertView;

describe('alert rules on the real cluster', { timeout: 300_000 }, () => {
  const fixture = useKafkaFixture('alerts');
  const temp = withTempDir('watermark-alert-rules');
  let receiver: WebhookReceiver;
  /** Bytes skew across brokers before this file wrote anything. */
  let skewBefore: number;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    skewBefore = (await bytesSkewFromTool()).skew;
    const config = {
      clusters: [
        {
          id: CLUSTER,
          brokers: LOCAL_BROKERS,
          pollIntervalMs: POLL_MS,
          lagStatus: { windowSize: 3, allowedLag: 0 },
          webhooks: [{ url: receiver.url }],
          alerts: {
            forSeconds: 1,
            resolveAfterSeconds: 3,
            // Any disk in use is "full" here, so the rule fires on a real log dir.
            logDirUsage: 0.001,
            skew: skewBefore + 0.05,
            overrides: [
              { group: `${SLOW}*`, timeLagSeconds: 3 },
              { group: `${SOON}*`, retentionSoonFraction: 1 },
            ],
          },
        },
        // Nothing listens on port 1: every cycle of this one fails.
        {
          id: GONE,
          brokers: ['127.0.0.1:1'],
          pollIntervalMs: POLL_MS,
          requestTimeoutMs: 500,
          webhooks: [{ url: receiver.url }],
          alerts: { forSeconds: 1 },
        },
      ],
    };
    const file = temp.write('watermark.json', JSON.stringify(config));
    startRuntime({ WATERMARK_CONFIG: file, WATERMARK_DATA_DIR: temp.pathOf('data') });
  });

  afterAll(async () => {
    await stopRuntime();
    await receiver?.close();
  });

  async function apiAlerts(): Promise<AlertsResponse> {
    const response = await getAlertsRoute(new Request('http://localhost/'), {
      params: Promise.resolve({ cluster: CLUSTER }),
    });
    expect(response.status).toBe(200);
    return AlertsResponse.parse(await response.json());
  }

  async function metricAlerts(): Promise<Record<string, string>[]> {
    const text = await (await getMetricsRoute(new Request('http://127.0.0.1/api/metrics'))).text();
    const family = parsePrometheusTextFormat(text).find((f) => f.name === 'watermark_alert');
    return (family?.metrics ?? []).map((m) => m.labels ?? {}).filter((labels) => labels.cluster_name === CLUSTER);
  }

  const received = () => receiver.bodies as JsonPayload[];

  /**
   * Waits until an active alert matching `match` fires, and shows it in metrics and at the
   * receiver; with `under`, fires inhibited by that cause (key) instead, and is not sent.
   */
  async function expectFiring(
    match: (a: Alert) => boolean,
    what: string,
    { timeoutMs = 90_000, under }: { timeoutMs?: number; under?: string } = {},
  ): Promise<Alert> {
    const alert = await eventually(
      async () =>
        (await apiAlerts()).active.find(
          (a) => a.status === 'firing' && match(a) && (under === undefined || a.inhibitedBy === under),
        ),
      `${what} to fire${under ? ` under ${under}` : ''}`,
      timeoutMs,
    );
    if (under !== undefined) {
      await sleep(2000); // what would have been sent by now
      expect(received().filter((b) => b.alert.key === alert.key && b.alert.since === alert.since)).toEqual([]);
      return alert;
    }
    expect(alert.firedAt).not.toBeNull();
    expect(alert.firedAt! - alert.since).toBeGreaterThanOrEqual(1000); // pending for the "for" second first
    const labels = (await metricAlerts()).find((l) => l.key === alert.key);
    expect(labels).toMatchObject({ alertname: alert.rule, alertstate: 'firing', severity: alert.severity });
    await eventually(
      async () =>
        received().find((b) => b.event === 'fired' && b.alert.key === alert.key && b.alert.since === alert.since),
      `the receiver to get ${what}`,
      15_000,
    ).catch(async (error: Error) => {
      // What was sent of it, and what became of it, for whoever reads the failure.
      const sent = received().filter((b) => b.alert.key === alert.key);
      const now = (await apiAlerts()).active.find((a) => a.key === alert.key);
      throw new Error(
        `${error.message}; found firing ${JSON.stringify(alert)}; sent of it ${JSON.stringify(sent)}; now ${JSON.stringify(now)}`,
      );
    });
    return alert;
  }

  /**
   * Waits until the alert resolves: gone from active and metrics, in recent, and sent to the
   * receiver (fired, then resolved); an alert that was inhibited all along is never sent.
   */
  async function expectResolved(alert: Alert, timeoutMs = 90_000): Promise<void> {
    const resolved = await eventually(
      async () => {
        const { active, recent } = await apiAlerts();
        if (active.some((a) => a.key === alert.key)) return undefined;
        return recent.find((a) => a.key === alert.key && a.since === alert.since);
      },
      `${alert.key} to resolve`,
      timeoutMs,
    );
    expect(resolved.resolvedAt).toBeGreaterThan(resolved.firedAt!);
    expect((await metricAlerts()).some((l) => l.key === alert.key)).toBe(false);
    if (alert.inhibitedBy) {
      await sleep(2000);
      expect(received().filter((b) => b.alert.key === alert.key && b.alert.since === alert.since)).toEqual([]);
      return;
    }
    await eventually(
      async () =>
        received().find((b) => b.event === 'resolved' && b.alert.key === alert.key && b.alert.since === alert.since),
      `the receiver to get the resolution of ${alert.key}`,
      15_000,
    );
    // Fired once and resolved once for this occurrence: no repeats while it lasted.
    const events = received().filter((b) => b.alert.key === alert.key && b.alert.since === alert.since);
    expect(events.map((b) => b.event)).toEqual(['fired', 'resolved']);
  }

  it('a cluster that cannot be reached: cluster-unreachable fires in the API, the metrics and the webhook', async () => {
    const alert = await eventually(
      async () => {
        const response = await getAlertsRoute(new Request('http://localhost/'), {
          params: Promise.resolve({ cluster: GONE }),
        });
        const { active } = AlertsResponse.parse(await response.json());
        return active.find((a) => a.rule === 'cluster-unreachable' && a.status === 'firing');
      },
      'cluster-unreachable to fire',
      30_000,
    );
    expect(alert).toMatchObject({ severity: 'critical', subject: { cluster: GONE }, href: `/clusters/${GONE}` });
    expect(alert.message).toMatch(
      /^Cluster unreachable \(cluster .+\): no broker answered a metadata request: connection refused/,
    );
    const text = await (await getMetricsRoute(new Request('http://127.0.0.1/api/metrics'))).text();
    const labels = parsePrometheusTextFormat(text)
      .find((f) => f.name === 'watermark_alert')
      ?.metrics.map((m) => m.labels ?? {})
      .find((l) => l.cluster_name === GONE);
    expect(labels).toMatchObject({ alertname: 'cluster-unreachable', alertstate: 'firing', severity: 'critical' });
    await eventually(
      async () => received().find((b) => b.event === 'fired' && b.alert.key === alert.key),
      'the receiver to get cluster-unreachable',
      15_000,
    );
    // Its recovery (a failed cycle carrying alerts over, a good one resolving) is unit-tested:
    // this address never answers.
  });

  it('a stopped group on a tiny retention: consumer down and lost messages, as many as the tools say', async () => {
    const topic = await fixture.createTopic(2, { 'retention.ms': '6000', 'segment.ms': '1000' });
    const groupId = uniqueName('stopped');
    for (const partition of [0, 1]) {
      await sendWithRetry(fixture.producer, { topic, messages: [0, 1, 2].map((i) => ({ partition, value: `m${i}` })) });
    }
    await fixture.admin.setOffsets({
      groupId,
      topic,
      partitions: [0, 1].map((partition) => ({ partition, offset: '0' })),
    });
    // Consumer-down first, then the writes that roll segments for retention to delete: the loss
    // then comes while its cause is active, as the test means. Writing from the start, a fresh
    // cluster's first slow cycles once let retention delete before consumer-down was active, and
    // the loss was (rightly) sent on its own.
    const down = await expectFiring((a) => a.rule === 'consumer-down' && a.subject.group === groupId, 'consumer-down');
    const writer = startSteadyProducer(fixture.producer, topic, { messagesPerSecond: 10, partitions: [0, 1] });
    try {
      expect(down.severity).toBe('critical');
      expect(down.href).toBe(`/clusters/${CLUSTER}/groups/${groupId}`);
      // Its consequence, data lost, is shown under it and not sent on its own (one cause, one page).
      await expectFiring((a) => a.rule === 'retention-lost' && a.subject.group === groupId, 'retention-lost', {
        under: down.key,
      });
    } finally {
      // Also when it failed: the tests after it must not see this topic grow.
      await writer.stop();
    }
    // Once retention has nothing more to delete, the alert's value is the tools' log start minus committed.
    const lost = await eventually(
      async () => {
        const before = await offsetsFromTool(topic, '-2');
        await sleep(6000);
        const starts = await offsetsFromTool(topic, '-2');
        if ([0, 1].some((p) => starts.get(p) !== before.get(p))) return undefined;
        const rows = await describeGroupWithTool(groupId);
        const fromTools = rows.reduce((sum, r) => sum + (starts.get(r.partition)! - (r.committedOffset ?? 0)), 0);
        const alert = (await apiAlerts()).active.find(
          (a) => a.rule === 'retention-lost' && a.subject.group === groupId,
        );
        return alert ? { fromTools, value: alert.value, alert } : undefined;
      },
      'retention to stop deleting',
      120_000,
    );
    console.log(
      `retention-lost: alert ${lost.value}, GetOffsetShell log start − kafka-consumer-groups committed ${lost.fromTools}`,
    );
    expect(lost.value).toBe(lost.fromTools);
    expect(lost.value).toBeGreaterThan(0);

    // Recovery: the group's offsets move to the end (as a restarted consumer would commit).
    await fixture.admin.resetOffsets({ groupId, topic, earliest: false });
    await expectResolved(down);
    await expectResolved(lost.alert);
  });

  it('slow consumers: status, time lag over its override, and idle members; all resolve once they catch up', async () => {
    const topic = await fixture.createTopic(1);
    const groupId = `${SLOW}-group`;
    const writer = startSteadyProducer(fixture.producer, topic, { messagesPerSecond: 20, partitions: [0] });
    // Three members for one partition: two are idle. The busy one reads 4 messages/s.
    const consumers = await Promise.all(
      [0, 1, 2].map(async () => {
        const consumer = fixture.kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({
          autoCommitInterval: 500,
          eachMessage: async () => {
            await sleep(250);
          },
        });
        return consumer;
      }),
    );
    try {
      const idle = await expectFiring(
        (a) => a.rule === 'assignment-idle-members' && a.subject.group === groupId,
        'assignment-idle-members',
      );
      expect(idle.value).toBe(2);
      const status = await expectFiring(
        (a) => a.rule === 'group-status' && a.subject.group === groupId,
        'group-status',
      );
      const timeLag = await expectFiring(
        (a) => a.rule === 'group-time-lag' && a.subject.group === groupId,
        'group-time-lag',
      );
      console.log(`slow group: status ${status.value}, time lag ${timeLag.value} s, idle ${idle.value}`);
      expect(timeLag.threshold).toBe(3); // the group override, not the 300 s default
      expect(timeLag.value).toBeGreaterThan(3);
      expect(timeLag.subject.topic).toBe(topic);

      // Recovery: the producer stops, two members leave, the last one reads at full speed.
      await writer.stop();
      await Promise.all(consumers.splice(0).map((c) => c.disconnect()));
      const fast = fixture.kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
      consumers.push(fast);
      await fast.connect();
      await fast.subscribe({ topic, fromBeginning: true });
      await fast.run({ autoCommitInterval: 500, eachMessage: async () => undefined });
      await expectResolved(idle);
      await expectResolved(timeLag);
      await expectResolved(status);
    } finally {
      await writer.stop();
      await Promise.all(consumers.map((c) => c.disconnect()));
    }
  });

  it('retention soon: a stopped group on a 2-minute retention, resolved when it moves past the data', async () => {
    const topic = await fixture.createTopic(1, { 'retention.ms': '120000', 'segment.ms': '5000' });
    const groupId = `${SOON}-group`;
    await sendWithRetry(fixture.producer, {
      topic,
      messages: [0, 1, 2, 3].map((i) => ({ partition: 0, value: `m${i}` })),
    });
    // Committed without a member ever joining: from its first cycle it is a consuming service down,
    // and retention-soon shows under that, unsent.
    await commitOffsetWithTool(groupId, topic, 0, 0);
    const down = await expectFiring((a) => a.rule === 'consumer-down' && a.subject.group === groupId, 'consumer-down');
    const soon = await expectFiring(
      (a) => a.rule === 'retention-soon' && a.subject.group === groupId,
      'retention-soon',
      {
        under: down.key,
      },
    );
    // The oldest unread message was written moments ago: loss is at most 120 s away, limited by time.
    expect(soon.value).toBeLessThanOrEqual(120);
    expect(soon.value).toBeGreaterThan(60);
    expect(soon.threshold).toBe(120); // 100% of retention.ms by the group override, under the 1 h default
    expect(soon.subject.topic).toBe(topic);
    await fixture.admin.resetOffsets({ groupId, topic, earliest: false });
    await expectResolved(soon);
    await expectResolved(down);
  });

  it('skewed keys push bytes per broker past the skew threshold, by as much as kafka-log-dirs says', async () => {
    // Three partitions, one per broker, no replicas: every message with the same key lands on one broker.
    const topic = await fixture.createTopicWith({
      replicaAssignment: [
        { partition: 0, replicas: [1] },
        { partition: 1, replicas: [2] },
        { partition: 2, replicas: [3] },
      ],
    });
    // Its own producer: kafkajs keeps refreshing metadata for every topic a producer wrote to,
    // and fails on one that was deleted.
    const producer = fixture.kafka.producer();
    await producer.connect();
    const chunk = Array.from({ length: 6 }, () => ({ key: 'same-key', value: Buffer.alloc(128 * 1024, 7) }));
    const skewAlert = await eventually(
      async () => {
        await sendWithRetry(producer, { topic, messages: chunk });
        return (await apiAlerts()).active.find((a) => a.rule === 'partition-skew' && a.key.endsWith(':sizeBytes'));
      },
      'bytes skew to pass the threshold',
      180_000,
    );
    const alert = await expectFiring((a) => a.key === skewAlert.key, 'partition-skew');
    expect(alert.threshold).toBeCloseTo(skewBefore + 0.05, 6);
    // Nothing writes now: our value and the tool's agree to within the size of one cycle's drift.
    await sleep(2 * POLL_MS);
    const [tool, current] = [await bytesSkewFromTool(), (await apiAlerts()).active.find((a) => a.key === alert.key)!];
    expect(current.value).toBeGreaterThan(current.threshold);
    console.log(
      `partition-skew (bytes): alert ${current.value}, kafka-log-dirs ${tool.skew}, threshold ${current.threshold}`,
    );
    expect(Math.abs(current.value - tool.skew)).toBeLessThan(0.01);

    await producer.disconnect();
    await fixture.admin.deleteTopics({ topics: [topic] });
    await expectResolved(alert, 150_000);
  });

  it('hygiene: a topic whose min.insync.replicas exceeds its replicas is reported as information', async () => {
    const key = `hygiene:${CLUSTER}:min-insync-unsatisfiable`;
    /** The topics the brokers page lists with this problem, and the alert's count, read together. */
    async function reading() {
      const response = await getBrokersRoute(new Request('http://localhost/'), {
        params: Promise.resolve({ cluster: CLUSTER }),
      });
      const { distribution } = BrokersResponse.parse(await response.json());
      const topics = distribution.hygiene.filter((h) => h.problem === 'min-insync-unsatisfiable').map((h) => h.topic);
      const alert = (await apiAlerts()).active.find((a) => a.key === key);
      return { topics, alert };
    }
    const topic = await fixture.createTopicWith({
      numPartitions: 1,
      replicationFactor: 2,
      configEntries: [{ name: 'min.insync.replicas', value: '3' }],
    });
    await eventually(async () => {
      const { topics, alert } = await reading();
      return topics.includes(topic) && alert?.value === topics.length ? true : undefined;
    }, 'the hygiene alert to count the new topic');
    const alert = await expectFiring((a) => a.key === key, 'hygiene (min.insync.replicas)');
    expect(alert.severity).toBe('info');
    await fixture.admin.deleteTopics({ topics: [topic] });
    const after = await eventually(async () => {
      const now = await reading();
      return now.topics.includes(topic) ? undefined : now;
    }, 'the topic to leave the hygiene findings');
    if (after.topics.length === 0) await expectResolved(alert);
    else expect(after.alert?.value).toBe(after.topics.length);
  });

  it('log dir usage above its threshold, as full as the file system says', async () => {
    const alert = await expectFiring((a) => a.rule === 'log-dir-usage' && a.subject.broker === 1, 'log-dir-usage');
    const dir = (await collectNow()).snapshot!.logDirs.find((d) => d.broker === 1)!.path;
    const stats = fs.statfsSync(dir);
    const used = 1 - stats.bavail / stats.blocks;
    console.log(`log-dir-usage: alert ${alert.value}, statfs ${used}`);
    expect(Math.abs(alert.value - used)).toBeLessThan(0.01);
    expect(alert.threshold).toBe(0.001);
    // Not resolved here: that takes freeing the disk, which a test cannot do to its host.
  });

  it('a dead, failing or hanging receiver does not delay collection cycles', async () => {
    /** Times between successive successful cycles over `ms`. */
    async function cycleGaps(ms: number): Promise<number[]> {
      const seen: number[] = [];
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        const at = getStore().get(CLUSTER)?.lastSuccessAt ?? null;
        if (at !== null && at !== seen.at(-1)) seen.push(at);
        await sleep(50);
      }
      return seen.slice(1).map((t, i) => t - seen[i]);
    }
    /** A new stopped group, so the notifier has something to send during the measurement. */
    async function newStoppedGroup(): Promise<void> {
      const topic = await fixture.createTopic(1);
      await sendWithRetry(fixture.producer, { topic, messages: [{ value: 'a' }, { value: 'b' }] });
      await fixture.admin.setOffsets({
        groupId: uniqueName('stopped'),
        topic,
        partitions: [{ partition: 0, offset: '0' }],
      });
      await sendWithRetry(fixture.producer, { topic, messages: [{ value: 'c' }] });
    }

    const baseline = await cycleGaps(5000);
    let hanging: number[];
    let failing: number[];
    try {
      receiver.hang = true;
      const requestsBefore = receiver.bodies.length;
      await newStoppedGroup();
      // Longer than the webhook's 5 s request timeout: a cycle waiting on it would show.
      hanging = await cycleGaps(8000);
      expect(receiver.bodies.length).toBeGreaterThan(requestsBefore); // it was really being called
      receiver.hang = false;
      receiver.status = 503;
      await newStoppedGroup();
      failing = await cycleGaps(7000);
    } finally {
      receiver.hang = false;
      receiver.status = 200;
    }

    const summary = (gaps: number[]) => ({ cycles: gaps.length, max: Math.max(...gaps), median: median(gaps) });
    console.log('cycle gaps (ms)', {
      baseline: summary(baseline),
      hanging: summary(hanging),
      failing: summary(failing),
    });
    for (const gaps of [hanging, failing]) {
      expect(gaps.length).toBeGreaterThanOrEqual(5);
      // A blocked cycle would wait out the 5 s request timeout; allow one slow cycle's worth.
      expect(Math.max(...gaps)).toBeLessThan(POLL_MS + 1500);
      expect(median(gaps)).toBeLessThan(median(baseline) + 500);
    }
  });
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Bytes per broker from kafka-log-dirs --describe, and their max over mean (1 when there are none). */
async function bytesSkewFromTool(): Promise<{ skew: number; perBroker: Map<number, number> }> {
  const { stdout } = await runKafkaTool('kafka-log-dirs', ['--describe']);
  const json = stdout.split('\n').find((line) => line.startsWith('{'));
  if (!json) throw new Error(`kafka-log-dirs printed no JSON: ${stdout}`);
  const parsed = JSON.parse(json) as {
    brokers: { broker: number; logDirs: { partitions: { size: number; isFuture: boolean }[] }[] }[];
  };
  const perBroker = new Map(
    parsed.brokers.map((b) => [
      b.broker,
      b.logDirs.flatMap((d) => d.partitions).reduce((sum, p) => sum + (p.isFuture ? 0 : p.size), 0),
    ]),
  );
  const sizes = [...perBroker.values()];
  const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  // No bytes at all (a fresh cluster): as even as it gets, like Watermark's null skew.
  return { skew: mean === 0 ? 1 : Math.max(...sizes) / mean, perBroker };
}
