/**
 * Alerts to a real Prometheus Alertmanager (Debian's package) started here, from a real
 * condition on the local cluster through the real runtime: a stopped group's consumer-down
 * alert arrives with its labels and a link back, is kept firing, resolves when the group
 * catches up, and Alertmanager's own webhook receiver behind it gets both; an alert about a
 * topic (a group committed past its end) carries the topic label.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, stopRuntime } from '@/lib/collector/runtime';
import { startAlertmanager, type RunningAlertmanager } from '../helpers/alertmanager';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, LOCAL_BROKERS, sendWithRetry, uniqueName } from '../helpers/local-cluster';
import { withTempDir } from '../helpers/temp-dir';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

const CLUSTER = uniqueName('am');
// Below every local-cluster port (19092 and up), and out of Linux's range for outgoing connections.
const ALERTMANAGER_PORT = 17093;
const PUBLIC_URL = 'https://watermark.example.com';

/** What Alertmanager posts to a webhook receiver (its webhook_config payload, version 4). */
interface AlertmanagerWebhook {
  status: 'firing' | 'resolved';
  alerts: { status: 'firing' | 'resolved'; labels: Record<string, string>; generatorURL: string }[];
}

describe('alerts sent to Prometheus Alertmanager', { timeout: 180_000 }, () => {
  const fixture = useKafkaFixture('alertmanager');
  const temp = withTempDir('watermark-alertmanager');
  let receiver: WebhookReceiver;
  let alertmanager: RunningAlertmanager;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    alertmanager = await startAlertmanager(ALERTMANAGER_PORT, receiver.url);
    const config = {
      publicUrl: PUBLIC_URL,
      clusters: [
        {
          id: CLUSTER,
          brokers: LOCAL_BROKERS,
          pollIntervalMs: 1000,
          webhooks: [{ url: `${alertmanager.url}/api/v2/alerts`, format: 'alertmanager' }],
          alerts: { forSeconds: 1, resolveAfterSeconds: 2 },
        },
      ],
    };
    startRuntime({
      WATERMARK_CONFIG: temp.write('watermark.json', JSON.stringify(config)),
      WATERMARK_DATA_DIR: temp.pathOf('data'),
    });
  });

  afterAll(async () => {
    await stopRuntime();
    await alertmanager?.stop();
    await receiver?.close();
  });

  const isDown = (labels: Record<string, string>) => labels.alertname === 'consumer-down';
  const forwarded = (group: string, status: 'firing' | 'resolved') =>
    (receiver.bodies as AlertmanagerWebhook[]).find((b) =>
      b.alerts.some((a) => a.labels.group === group && isDown(a.labels) && a.status === status),
    );

  it('fires with labels and a link back, stays firing, and resolves, at Alertmanager and at its receiver', async () => {
    const topic = await fixture.createTopic(1);
    const group = uniqueName('am-stopped');
    await sendWithRetry(fixture.producer, { topic, messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    await fixture.admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '0' }] });

    const firing = await eventually(
      async () => (await alertmanager.alerts()).find((a) => a.labels.group === group && isDown(a.labels)),
      'consumer-down at Alertmanager',
      60_000,
    );
    const sentAt = Date.now();
    expect(firing.labels).toEqual({
      alertname: 'consumer-down',
      rule: 'consumer-down',
      severity: 'critical',
      cluster: CLUSTER,
      group,
    });
    expect(firing.status.state).toBe('active');
    expect(firing.generatorURL).toBe(`${PUBLIC_URL}/clusters/${CLUSTER}/groups/${group}`);
    expect(firing.annotations.summary).toMatch(new RegExp(`^Group ${group} has no members while messages wait`));
    expect(firing.annotations.value).toBe('3');
    // Kept for four minutes unless sent again (every minute while it fires), as Prometheus does.
    const holdsFor = Date.parse(firing.endsAt) - sentAt;
    expect(holdsFor).toBeGreaterThan(200_000);
    expect(holdsFor).toBeLessThanOrEqual(240_000);
    await eventually(async () => forwarded(group, 'firing'), "Alertmanager's receiver to get it firing", 30_000);

    // The group catches up: resolved at Alertmanager (no longer active) and at the receiver.
    await fixture.admin.resetOffsets({ groupId: group, topic, earliest: false });
    await eventually(
      async () =>
        (await alertmanager.alerts()).some((a) => a.labels.group === group && isDown(a.labels)) ? undefined : true,
      'consumer-down to leave the active alerts',
      60_000,
    );
    const resolved = await eventually(
      async () => forwarded(group, 'resolved'),
      "Alertmanager's receiver to get it resolved",
      30_000,
    );
    expect(resolved.alerts.find((a) => a.labels.group === group && isDown(a.labels))?.labels.cluster).toBe(CLUSTER);
    // One firing and one resolve of this alert reached the receiver, nothing twice.
    const bodies = receiver.bodies as AlertmanagerWebhook[];
    const statuses = bodies.flatMap((b) =>
      b.alerts.filter((a) => a.labels.group === group && isDown(a.labels)).map((a) => a.status),
    );
    expect(statuses).toEqual(['firing', 'resolved']);
  });

  it('labels an alert about a topic with the topic: committed past the end of one topic', async () => {
    const topic = await fixture.createTopic(1);
    const group = uniqueName('am-ahead');
    await sendWithRetry(fixture.producer, { topic, messages: [{ value: 'a' }] });
    // Kafka takes a commit past the end (what a recreated topic leaves): committed-ahead, on one topic.
    await fixture.admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '5' }] });

    const ahead = await eventually(
      async () =>
        (await alertmanager.alerts()).find(
          (a) => a.labels.group === group && a.labels.alertname === 'group-committed-ahead',
        ),
      'committed-ahead at Alertmanager',
      60_000,
    );
    // The whole label set: the topic is there; a partition label would be too if a rule named one
    // (none does: committed-ahead counts the topic's partitions ahead, its value here).
    expect(ahead.labels).toEqual({
      alertname: 'group-committed-ahead',
      rule: 'group-committed-ahead',
      severity: 'warning',
      cluster: CLUSTER,
      group,
      topic,
    });
    expect(ahead.annotations.value).toBe('1');
    expect(ahead.generatorURL).toBe(`${PUBLIC_URL}/clusters/${CLUSTER}/groups/${group}`);
    const sent = await eventually(
      async () =>
        (receiver.bodies as AlertmanagerWebhook[])
          .flatMap((b) => b.alerts)
          .find((a) => a.labels.group === group && a.labels.alertname === 'group-committed-ahead'),
      "Alertmanager's receiver to get it",
      30_000,
    );
    expect(sent.labels.topic).toBe(topic);
  });
});
