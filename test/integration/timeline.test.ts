/**
 * The timeline against the real cluster: each change is made with Kafka's own tools or a
 * client, and must appear exactly once, about the right subject, in the first cycle that
 * starts after it; the events are still there when the history database is opened again.
 */
import type { Admin, Consumer, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventKind } from '@/lib/analysis/cluster-events';
import { startClusterPipeline } from '@/lib/collector/cluster-pipeline';
import type { ClusterLoop } from '@/lib/collector/cluster-loop';
import { ClusterStateStore } from '@/lib/collector/state-store';
import { WatermarkConfig } from '@/lib/config/schema';
import { ClusterHistory, historyRetention } from '@/lib/history/cluster-history';
import { closeHistoryDatabase, openHistoryDatabase, type SqliteDatabase } from '@/lib/history/database';
import type { StoredEvent } from '@/lib/history/event-store';
import { createKafkaClient } from '@/lib/kafka/kafka-client';
import { captureLog } from '../helpers/log-capture';
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
import {
  alterTopicConfigsWithTool,
  commitOffsetWithTool,
  deleteRecordsWithTool,
  resetOffsetsToEarliestWithTool,
} from '../helpers/kafka-tool-readings';
import { withTempDir } from '../helpers/temp-dir';

const POLL_MS = 1000;
const config = WatermarkConfig.parse({
  clusters: [{ id: 'timeline', brokers: LOCAL_BROKERS, pollIntervalMs: POLL_MS }],
});
const cluster = config.clusters[0];

describe('timeline of changes', { timeout: 240_000 }, () => {
  const dir = withTempDir('timeline');
  const topic = uniqueName('timeline');
  const group = uniqueName('timeline-group');
  let kafka: Kafka;
  let admin: Admin;
  let db: SqliteDatabase;
  let history: ClusterHistory;
  let loop: ClusterLoop;
  const store = new ClusterStateStore();
  const consumers: Consumer[] = [];
  /** The broker the broker test stops (the leader of partition 0). */
  let victim = 2;

  /** Runs `change`, then waits for the first cycle that started after it; returns the events since. */
  async function afterChange(
    change: () => Promise<unknown>,
    subjects: { topics?: string[]; groups?: string[]; brokers?: number[] } = {
      topics: [topic],
      groups: [group],
      brokers: [1, 2, 3],
    },
  ): Promise<StoredEvent[]> {
    const before = Date.now();
    await change();
    const changedAt = Date.now();
    await eventually(async () => {
      await loop.nextCycle();
      const startedAt = store.get('timeline')?.snapshot?.startedAt ?? 0;
      return startedAt > changedAt || undefined;
    }, 'a cycle that started after the change');
    return history.events.query({ from: before, ...subjects }).events;
  }

  /** The events of `kind`, checked to be exactly one. */
  function one(events: StoredEvent[], kind: EventKind): StoredEvent {
    const found = events.filter((e) => e.kind === kind);
    expect(found, `${kind} in ${JSON.stringify(events.map((e) => e.message))}`).toHaveLength(1);
    return found[0];
  }

  beforeAll(async () => {
    kafka = testKafka();
    admin = kafka.admin();
    await admin.connect();
    db = openHistoryDatabase(dir.pathOf('data'));
    history = new ClusterHistory(db, 'timeline', historyRetention(config.history));
    store.register('timeline', 'timeline', POLL_MS);
    loop = startClusterPipeline({
      cluster,
      client: createKafkaClient({ brokers: LOCAL_BROKERS, requestTimeoutMs: 5000 }),
      store,
      history,
      log: captureLog().logger,
    });
    await loop.nextCycle();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
    await startBroker(victim, () => undefined);
    await loop?.stop();
    if (db?.open) closeHistoryDatabase(db);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.deleteGroups([group]).catch(() => undefined);
    await admin.disconnect();
  });

  it('sees a topic created, its partitions added and its retention changed with kafka-topics and kafka-configs', async () => {
    let events = await afterChange(() =>
      admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 3 }], waitForLeaders: true }),
    );
    expect(one(events, 'topic-created')).toMatchObject({ subject: { topic }, details: { partitions: 2 } });

    events = await afterChange(() => runKafkaTool('kafka-topics', ['--alter', '--topic', topic, '--partitions', '3']));
    expect(one(events, 'partitions-added')).toMatchObject({ subject: { topic }, details: { from: 2, to: 3 } });

    events = await afterChange(() => alterTopicConfigsWithTool(topic, { 'retention.ms': '3600000' }));
    const changed = one(events, 'topic-config');
    expect(changed.message).toBe(`topic ${topic}: retention.ms 7d → 1h`);
  });

  it('sees a consumer group appear, rebalance when a consumer joins and leaves, and its offsets reset', async () => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 30 }, (_, i) => ({ key: String(i), value: 'x' })) });
    await producer.disconnect();

    const start = async (clientId: string) => {
      const consumer = testKafka(clientId).consumer({ groupId: group, sessionTimeout: 10_000 });
      consumers.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async () => undefined });
      return consumer;
    };
    /** The newest event of `kind` of the group, once `accept` says it is the one awaited. */
    const newest = (kind: EventKind, accept: (event: StoredEvent) => boolean, what: string) =>
      eventually(async () => {
        await loop.nextCycle();
        const [event] = history.events.query({ groups: [group], kinds: [kind] }).events;
        return event && accept(event) ? event : undefined;
      }, what);

    const first = await start('timeline-first');
    await newest('group-created', () => true, 'the group to appear');
    expect(history.events.query({ groups: [group], kinds: ['group-created'] }).events).toHaveLength(1);

    const second = await start('timeline-second');
    const joined = await newest('group-rebalance', (e) => e.message.includes('joined: timeline-second'), 'a join');
    expect(joined.subject).toEqual({ group });
    expect(joined.details).toMatchObject({ joined: [{ clientId: 'timeline-second' }] });
    await second.disconnect();
    const left = await newest('group-rebalance', (e) => e.message.includes('left: timeline-second'), 'a leave');
    expect(left.details).toMatchObject({ left: [{ clientId: 'timeline-second' }] });

    // All 30 read and committed before the last consumer stops.
    await eventually(async () => {
      const [{ partitions }] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
      return partitions.reduce((sum, p) => sum + Number(p.offset), 0) === 30 || undefined;
    }, 'the group to commit all 30 messages');
    await first.disconnect();
    await newest('group-state', (e) => e.details.to === 'Empty', 'the group to be Empty');

    // kafka-consumer-groups moves the committed offsets back to the start.
    const events = await afterChange(() => resetOffsetsToEarliestWithTool(group, topic));
    const rewind = one(events, 'offset-rewind');
    expect(rewind.subject).toEqual({ group, topic });
    expect(rewind.details.messages).toBe(30);
  });

  it('sees a broker go down (leaders move, ISRs shrink) and come back, and a preferred leader election', async () => {
    const partitionsOf = () => store.get('timeline')!.snapshot!.topics.find((t) => t.name === topic)!.partitions;
    // The leader of partition 0 goes down: it leads at least that one.
    victim = partitionsOf()[0].leader;
    const ledByVictim = partitionsOf()
      .filter((p) => p.leader === victim)
      .map((p) => p.partition);
    let events = await afterChange(() => stopBroker(victim, () => undefined));
    expect(one(events, 'broker-down').subject).toEqual({ broker: victim });
    const shrinks = await eventually(async () => {
      await loop.nextCycle();
      const found = history.events.query({ topics: [topic], kinds: ['isr-shrink'] }).events;
      return found.length > 0 ? found : undefined;
    }, 'the ISR to shrink');
    for (const shrink of shrinks) expect(shrink.subject.broker, shrink.message).toBe(victim);
    const leaders = history.events.query({ topics: [topic], kinds: ['leader-changed'] }).events;
    expect(leaders, 'leader changes').toHaveLength(1);
    for (const change of leaders) {
      for (const moved of change.details.partitions as { partition: number; from: number }[]) {
        expect(ledByVictim).toContain(moved.partition);
        expect(moved.from).toBe(victim);
      }
    }

    const brokerUpAt = Date.now();
    events = await afterChange(async () => {
      await startBroker(victim, () => undefined);
      await waitForBrokers([1, 2, 3]);
    });
    expect(one(events, 'broker-up').subject).toEqual({ broker: victim });
    await eventually(async () => {
      await loop.nextCycle();
      const back = partitionsOf().every((p) => p.isr.length === 3);
      const expands = history.events.query({ topics: [topic], kinds: ['isr-expand'] }).events;
      return back && expands.length > 0 ? expands : undefined;
    }, 'the ISR to expand');

    // The partitions it led now have another leader, unless the controller's own periodic
    // balancing (auto.leader.rebalance.enable, every 300 s by default) already gave them back:
    // then that is the preferred leader election the timeline must show.
    const offPreferred = partitionsOf().filter((p) => p.leader !== p.replicas[0]);
    if (offPreferred.length === 0) {
      const back = history.events
        .query({ from: brokerUpAt, topics: [topic], kinds: ['leader-changed'] })
        .events.flatMap((e) => (e.details.partitions as { partition: number; to: number }[]).map((p) => ({ e, p })));
      expect(
        back.map(({ p }) => p.partition).sort((a, b) => a - b),
        'partitions given back by the controller',
      ).toEqual(ledByVictim);
      for (const { e, p } of back) {
        expect(p.to).toBe(victim);
        expect(e.message).toMatch(/\(its preferred leader\)|all to their preferred leader/);
      }
      return;
    }
    expect(offPreferred.map((p) => p.partition)).toEqual(ledByVictim);
    const [target] = offPreferred;
    events = await afterChange(() =>
      runKafkaTool('kafka-leader-election', [
        '--election-type',
        'preferred',
        '--topic',
        topic,
        '--partition',
        String(target.partition),
      ]),
    );
    // The controller's periodic balancing may give the other partitions back in the same cycle:
    // then one event names them all. Every move is to the preferred leader, and says so.
    const moves = events
      .filter((e) => e.kind === 'leader-changed')
      .flatMap((e) =>
        (e.details.partitions as { partition: number; to: number; preferred: number }[]).map((p) => ({ e, p })),
      );
    expect(moves.find(({ p }) => p.partition === target.partition)?.p.to).toBe(target.replicas[0]);
    for (const { e, p } of moves) {
      expect(p.to).toBe(p.preferred);
      expect(e.message).toMatch(/\(its preferred leader\)$|, all to their preferred leader$/);
      if ((e.details.partitions as unknown[]).length === 1)
        expect(e.subject).toEqual({ topic, partition: p.partition });
    }
  });

  it('sees the log start pass a committed offset (kafka-delete-records): messages deleted unread', async () => {
    const lossTopic = uniqueName('timeline-loss');
    const lossGroup = uniqueName('timeline-loss-group');
    try {
      await admin.createTopics({
        topics: [{ topic: lossTopic, numPartitions: 1, replicationFactor: 3 }],
        waitForLeaders: true,
      });
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: lossTopic, messages: Array.from({ length: 10 }, () => ({ value: 'x' })) });
      await producer.disconnect();
      await commitOffsetWithTool(lossGroup, lossTopic, 0, 3);
      await eventually(async () => {
        await loop.nextCycle();
        const seen = store.get('timeline')?.snapshot?.groups.find((g) => g.groupId === lossGroup);
        return seen?.offsets.some((o) => o.offset === 3) || undefined;
      }, 'the collector to see the commit');
      const events = await afterChange(() => deleteRecordsWithTool(lossTopic, 0, 8), { groups: [lossGroup] });
      const lost = one(events, 'offset-overtaken');
      expect(lost.subject).toEqual({ group: lossGroup, topic: lossTopic, partition: 0 });
      expect(lost.details.messages).toBe(5);
      expect(lost.message).toBe(
        `group ${lossGroup}: the log start of ${lossTopic}-0 passed its committed offset, 5 messages deleted unread`,
      );
    } finally {
      await admin.deleteTopics({ topics: [lossTopic] }).catch(() => undefined);
      await admin.deleteGroups([lossGroup]).catch(() => undefined);
    }
  });

  it('sees the topic deleted and the group gone, and keeps the timeline when the database is opened again', async () => {
    let events = await afterChange(() => admin.deleteGroups([group]));
    expect(one(events, 'group-gone').subject).toEqual({ group });
    events = await afterChange(() => admin.deleteTopics({ topics: [topic] }));
    expect(one(events, 'topic-deleted').subject).toEqual({ topic });

    await loop.stop();
    const written = history.events.query({ topics: [topic], groups: [group] }).events;
    closeHistoryDatabase(db);
    db = openHistoryDatabase(dir.pathOf('data'));
    const reopened = new ClusterHistory(db, 'timeline', historyRetention(config.history));
    expect(reopened.events.query({ topics: [topic], groups: [group] }).events).toEqual(written);
    expect(written.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['topic-created', 'partitions-added', 'topic-config', 'group-created', 'offset-rewind']),
    );
  });
});
