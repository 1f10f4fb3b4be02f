/**
 * The timeline through the real runtime (collector thread, alerts, history) and the events
 * route, during an incident on the local cluster: the node that is the active KRaft
 * controller stops, taking down the only replica of a topic's partition. The broker going
 * down and up, the controller moving, the partition going offline and back and the
 * broker-unreachable alert firing and resolving each appear exactly once. And a group's
 * assignment moves without a member joining or leaving when its topic gains a partition.
 */
import type { Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getEventsRoute } from '@/app/api/clusters/[cluster]/events/route';
import type { EventKind } from '@/lib/analysis/cluster-events';
import { EventsResponse, type EventView } from '@/lib/api/event-schemas';
import { getStore, startRuntime, stopRuntime } from '@/lib/collector/runtime';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { controllerFromTool } from '../helpers/kafka-tool-readings';
import {
  eventually,
  LOCAL_BROKERS,
  runKafkaTool,
  startBroker,
  stopBroker,
  testKafka,
  uniqueName,
  waitForBrokers,
} from '../helpers/local-cluster';
import { kafkaMode } from '../../scripts/kafka/layout';
import { withTempDir } from '../helpers/temp-dir';

const CLUSTER = uniqueName('incident');

async function events(query: Record<string, string | string[]>): Promise<EventView[]> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) for (const v of [value].flat()) search.append(name, v);
  search.set('limit', '1000');
  const response = await getEventsRoute(new Request(`http://localhost/api/clusters/${CLUSTER}/events?${search}`), {
    params: Promise.resolve({ cluster: CLUSTER }),
  });
  expect(response.status).toBe(200);
  return EventsResponse.parse(await response.json()).events;
}

/** Waits until the events of `query` include every kind of `kinds`; returns them all. */
async function awaitKinds(query: Record<string, string | string[]>, kinds: EventKind[], what: string) {
  let last: EventView[] = [];
  try {
    return await eventually(async () => {
      last = await events(query);
      return kinds.every((kind) => last.some((e) => e.kind === kind)) ? last : undefined;
    }, what);
  } catch (error) {
    throw new Error(`${(error as Error).message}; seen: ${JSON.stringify(last.map((e) => e.message))}`);
  }
}

function one(found: EventView[], kind: EventKind): EventView {
  const matching = found.filter((e) => e.kind === kind);
  expect(matching, `${kind} in ${JSON.stringify(found.map((e) => e.message))}`).toHaveLength(1);
  return matching[0];
}

describe('the timeline of an incident', { timeout: 240_000 }, () => {
  const fixture = useKafkaFixture('incident');
  const temp = withTempDir('watermark-incident');
  let stopped: number | null = null;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    const clusters = [
      {
        id: CLUSTER,
        brokers: LOCAL_BROKERS,
        pollIntervalMs: 1000,
        alerts: { forSeconds: 0, resolveAfterSeconds: 0 },
      },
    ];
    startRuntime({
      WATERMARK_CONFIG: temp.write('watermark.json', JSON.stringify({ clusters })),
      WATERMARK_DATA_DIR: temp.pathOf('data'),
    });
    await eventually(async () => getStore().get(CLUSTER)?.snapshot ?? undefined, 'the first cycle');
  });

  afterAll(async () => {
    await consumer?.disconnect().catch(() => undefined);
    if (stopped !== null) await startBroker(stopped, () => undefined);
    await stopRuntime();
  });

  it('sees the controller’s node stop and come back: broker, controller, offline partition and alert, once each', async () => {
    const controller = await controllerFromTool(kafkaMode());
    // The only replica of this topic's partition lives on that node.
    const topic = await fixture.createTopicWith({ replicaAssignment: [{ partition: 0, replicas: [controller] }] });
    await eventually(
      async () =>
        getStore()
          .get(CLUSTER)
          ?.snapshot?.topics.some((t) => t.name === topic) || undefined,
      'the collector to see the topic',
    );
    const since = String(Date.now());

    stopped = controller;
    await stopBroker(controller, () => undefined);
    const down = await awaitKinds(
      { from: since, broker: ['1', '2', '3'], topic },
      ['broker-down', 'controller-changed', 'partition-offline', 'alert-fired'],
      'the stop in the timeline',
    );
    // The controller-changed event is about the new controller: the brokers' events are asked for.
    expect(one(down, 'broker-down').subject).toEqual({ broker: controller });
    const moved = one(down, 'controller-changed');
    expect(moved.details).toMatchObject({ from: controller });
    expect(moved.subject.broker).not.toBe(controller);
    expect(await controllerFromTool(kafkaMode())).toBe(moved.details.to);
    expect(one(down, 'partition-offline')).toMatchObject({ subject: { topic, partition: 0 } });
    const fired = down.filter((e) => e.kind === 'alert-fired' && e.details.rule === 'broker-unreachable');
    expect(fired, JSON.stringify(down.map((e) => e.message))).toHaveLength(1);
    expect(fired[0].subject).toEqual({ broker: controller });

    const backSince = String(Date.now());
    await startBroker(controller, () => undefined);
    await waitForBrokers([1, 2, 3]);
    stopped = null;
    const up = await awaitKinds(
      { from: backSince, broker: ['1', '2', '3'], topic },
      ['broker-up', 'partition-online', 'alert-resolved'],
      'the return in the timeline',
    );
    expect(one(up, 'broker-up').subject).toEqual({ broker: controller });
    expect(one(up, 'partition-online')).toMatchObject({ subject: { topic, partition: 0 } });
    const resolved = up.filter((e) => e.kind === 'alert-resolved' && e.details.rule === 'broker-unreachable');
    expect(resolved).toHaveLength(1);
    expect(resolved[0].details.key).toBe(fired[0].details.key);
    // Nothing said twice over the whole incident.
    const all = await events({ from: since, broker: ['1', '2', '3'], topic });
    for (const kind of ['broker-down', 'broker-up', 'partition-offline', 'partition-online'] as const) {
      expect(
        all.filter((e) => e.kind === kind),
        kind,
      ).toHaveLength(1);
    }
  });

  it('sees a group’s assignment move, without a member joining or leaving, when its topic gains a partition', async () => {
    const topic = await fixture.createTopic(1);
    const group = uniqueName('incident-group');
    consumer = testKafka('incident-consumer').consumer({
      groupId: group,
      metadataMaxAge: 1000,
      sessionTimeout: 30_000,
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async () => undefined });
    await eventually(async () => {
      const seen = getStore()
        .get(CLUSTER)
        ?.snapshot?.groups.find((g) => g.groupId === group);
      return seen?.state === 'Stable' && seen.members.length === 1 ? true : undefined;
    }, 'the group to be Stable with its member');
    const since = String(Date.now());
    await runKafkaTool('kafka-topics', ['--alter', '--topic', topic, '--partitions', '2']);
    const found = await awaitKinds(
      { from: since, group, topic },
      ['partitions-added', 'group-assignment'],
      'the assignment change',
    );
    const moved = one(found, 'group-assignment');
    expect(moved.subject).toEqual({ group });
    expect(moved.message).toBe(`group ${group}: assignment changed (1 member)`);
    expect(found.filter((e) => e.kind === 'group-rebalance')).toEqual([]);
  });
});
