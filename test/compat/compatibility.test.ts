/**
 * The compatibility subset: what must hold on every Kafka version and mode users run.
 * npm test runs it against the default cluster and then against 3.9.1 in ZooKeeper mode,
 * 3.6.2 in KRaft mode and 2.8.2 in ZooKeeper mode (KAFKA_VERSION, KAFKA_MODE and
 * KAFKA_PORT_OFFSET select the cluster). Every number is compared with what that
 * version's own tools, started from the same jars, report on the same cluster.
 */
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokersView, clusterSummary } from '@/lib/api/views/cluster-views';
import { topicView } from '@/lib/api/views/topic-views';
import type { ClusterState } from '@/lib/collector/snapshot';
import {
  alterTopicConfigsWithTool,
  asToolRows,
  controllerFromTool,
  deleteRecordsWithTool,
  describeGroupWithTool,
  dumpLogWithTool,
  offsetsFromTool,
  partitionsListedByTool,
  recordTimestampFromTool,
  replicaSizesFromTool,
  topicConfigsFromTool,
} from '../helpers/kafka-tool-readings';
import {
  collectNow,
  eventually,
  LOCAL_BROKERS,
  sendWithRetry,
  sleep,
  startBroker,
  stopBroker,
  testKafka,
  uniqueName,
} from '../helpers/local-cluster';
import { cycleOnce, viewOfGroup } from '../helpers/test-pipeline';
import { createKafkaClient } from '@/lib/kafka/kafka-client';
import { kafkaMode, kafkaVersion } from '../../scripts/kafka/layout';

const VERSION = kafkaVersion();
const MODE = kafkaMode();
/** DescribeLogDirs v4, with each log dir's capacity, is served from Kafka 3.3. */
const [major, minor] = VERSION.split('.').map(Number);
const SERVES_CAPACITY = major > 3 || (major === 3 && minor >= 3);

/** A collection in which every part answered (retried while a new topic settles). */
async function cleanCollection(): Promise<ClusterState> {
  return eventually(async () => {
    const state = await collectNow();
    const faults = state.snapshot!.failures.filter((f) => !f.notServed);
    return faults.length === 0 ? state : undefined;
  }, 'a collection without failures');
}

function groupFrom(state: ClusterState, groupId: string) {
  return viewOfGroup(state, groupId);
}

describe(`Kafka ${VERSION} in ${MODE} mode`, () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const topic = uniqueName('compat');

  beforeAll(async () => {
    kafka = testKafka();
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer();
    await producer.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: false });
    // kafkajs's waitForLeaders gives up when a just-started cluster answers UNKNOWN_TOPIC_OR_PARTITION
    // for a moment (seen on 3.6.2 seconds after start): wait for the leaders here instead.
    await eventually(async () => {
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined);
      const partitions = metadata?.topics[0]?.partitions ?? [];
      return partitions.length === 3 && partitions.every((p) => p.leader >= 0) ? true : undefined;
    }, 'leaders for the new topic');
    // 10, 20 and 30 messages on partitions 0, 1 and 2, 100 bytes each.
    for (const partition of [0, 1, 2]) {
      const messages = Array.from({ length: 10 * (partition + 1) }, (_, i) => ({
        value: `m${i}`.padEnd(100, '.'),
        partition,
      }));
      await sendWithRetry(producer, { topic, acks: -1, messages });
    }
  });

  afterAll(async () => {
    await startBroker(3, () => undefined);
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin?.disconnect();
  });

  it('collects every part without a failure, in the right mode, with the controller the tools name', async () => {
    const state = await cleanCollection();
    const snapshot = state.snapshot!;
    expect(snapshot.mode).toBe(MODE);
    expect(snapshot.brokers.map((b) => [b.id, b.reachable])).toEqual([
      [1, true],
      [2, true],
      [3, true],
    ]);
    expect(clusterSummary(state).status).toBe('ok');
    expect(snapshot.controllerId).toBe(await controllerFromTool(MODE));
    expect(snapshot.topicConfigs.find((c) => c.topic === topic)?.configs['retention.ms']).toBe('604800000');
    // Disk capacity where the version reports it, and "not available" (never a zero) where it cannot.
    const { brokers, unavailable } = brokersView(state);
    for (const dir of brokers.flatMap((b) => b.logDirs)) {
      expect(dir.capacityNotServed).toBe(!SERVES_CAPACITY);
      if (SERVES_CAPACITY) expect(dir.totalBytes).toBeGreaterThan(0);
      else expect(dir.totalBytes).toBeNull();
    }
    expect(unavailable.map((u) => u.feature)).toEqual(SERVES_CAPACITY ? [] : ['log dir capacity']);
  });

  it('reads offsets and sizes as GetOffsetShell and kafka-log-dirs do, after log start moved', async () => {
    await deleteRecordsWithTool(topic, 1, 5);
    const state = await cleanCollection();
    const metadata = state.snapshot!.topics.find((t) => t.name === topic)!;
    const view = topicView(state, metadata);
    const [starts, ends] = await Promise.all([offsetsFromTool(topic, '-2'), offsetsFromTool(topic, '-1')]);
    expect(view.partitions.map((p) => [p.partition, p.logStartOffset, p.highWatermark])).toEqual(
      [0, 1, 2].map((p) => [p, starts.get(p), ends.get(p)]),
    );
    expect(starts.get(1)).toBe(5);
    const ourSizes = state
      .snapshot!.replicaSizes.filter((r) => r.topic === topic)
      .map((r) => `${r.broker}:${r.topic}-${r.partition}:${r.sizeBytes}`)
      .sort();
    expect(ourSizes).toHaveLength(9);
    expect(ourSizes).toEqual(await replicaSizesFromTool(topic));
  });

  it('reads every topic config with the source kafka-configs reports, and what an override replaces', async () => {
    const altered = uniqueName('compat-configs');
    // kafkajs's wait for leaders can fail on a broker that has not heard of the topic yet
    // (UNKNOWN_TOPIC_OR_PARTITION, seen on 3.6.2): the collection below waits for it instead.
    await admin.createTopics({
      waitForLeaders: false,
      topics: [{ topic: altered, numPartitions: 1, replicationFactor: 3 }],
    });
    try {
      await alterTopicConfigsWithTool(altered, { 'retention.ms': '3600000' });
      const tool = await eventually(async () => {
        const entries = await topicConfigsFromTool(altered).catch(() => undefined);
        return entries?.get('retention.ms')?.value === '3600000' ? entries : undefined;
      }, 'kafka-configs to report the override');
      const state = await eventually(async () => {
        const collected = await cleanCollection();
        return collected.snapshot!.topics.some((t) => t.name === altered) ? collected : undefined;
      }, 'the new topic in the collected metadata');
      const view = topicView(
        state,
        state.snapshot!.topics.find((t) => t.name === altered)!,
      );
      // The tool prints the sources as synonyms, the value's own first; none for Kafka's built-in value.
      expect(view.configEntries.map((e) => [e.name, e.value, e.source]).sort()).toEqual(
        [...tool]
          .map(([name, e]) => [name, e.sensitive ? null : e.value, e.synonyms[0]?.source ?? 'DEFAULT_CONFIG'])
          .sort(),
      );
      expect(view.configEntries[0]).toMatchObject({
        name: 'retention.ms',
        source: 'DYNAMIC_TOPIC_CONFIG',
        override: true,
        default: { name: 'retention.ms', value: '604800000' },
      });
    } finally {
      await admin.deleteTopics({ topics: [altered] }).catch(() => undefined);
    }
  });

  it('shows a stopped and a live group with the lag kafka-consumer-groups shows, partition by partition', async () => {
    const stopped = uniqueName('compat-stopped');
    await admin.setOffsets({
      groupId: stopped,
      topic,
      partitions: [
        { partition: 0, offset: '4' },
        { partition: 2, offset: '30' },
      ],
    });
    const live = uniqueName('compat-live');
    const consumer: Consumer = kafka.consumer({ groupId: live, sessionTimeout: 30_000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let read = 0;
    await consumer.run({ autoCommitInterval: 500, eachMessage: async () => void read++ });
    try {
      // Partition 1's first 5 records were deleted: 55 remain.
      await eventually(async () => (read >= 55 ? true : undefined), 'the live consumer to read everything');
      await sleep(1500); // one more auto-commit
      await consumer.commitOffsets([]);
      for (const groupId of [stopped, live]) {
        const [ours, tool] = await eventually(async () => {
          const [state, rows] = await Promise.all([cleanCollection(), describeGroupWithTool(groupId)]);
          const view = groupFrom(state, groupId);
          // The live group is read while stable: its commits have reached the end.
          return groupId === live && rows.some((r) => r.lag !== 0) ? undefined : ([view, rows] as const);
        }, `${groupId} to settle`);
        expect(asToolRows(ours.partitions)).toEqual(tool);
      }
      const stoppedView = groupFrom(await collectNow(), stopped);
      expect(stoppedView.totalLag).toBe(6);
      expect(stoppedView.state).toBe('Empty');
    } finally {
      await consumer.disconnect();
    }
  });

  it('dates the record a group sits on exactly, as kafka-console-consumer prints it', async () => {
    const groupId = uniqueName('compat-timelag');
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '3' }] });
    const state = await cycleOnce();
    const partition = groupFrom(state, groupId).partitions.find((p) => p.partition === 0)!;
    expect(partition.timeLagSource).toBe('exact');
    const printed = await recordTimestampFromTool(topic, 0, 3);
    const recordMs = Number(printed.replace(/^CreateTime:/, ''));
    expect(recordMs).toBeGreaterThan(0);
    const expected = (state.snapshot!.collectedAt - recordMs) / 1000;
    expect(partition.timeLagSeconds).toBeGreaterThanOrEqual(expected - 2);
    expect(partition.timeLagSeconds).toBeLessThanOrEqual(expected + 2);
  });

  it('reads the record at an offset as kafka-dump-log prints it from the leader’s segment', async () => {
    const state = await cleanCollection();
    const snapshot = state.snapshot!;
    const client = createKafkaClient({ brokers: LOCAL_BROKERS, requestTimeoutMs: 5000 });
    try {
      const read = await client.recordAtOffset(snapshot.brokers, snapshot.topics, { topic, partition: 2, offset: 4 });
      expect(read.kind, JSON.stringify(read)).toBe('record');
      if (read.kind !== 'record') return;
      const batches = await dumpLogWithTool(topic, 2, read.leader!);
      // Field names differ in case between releases (2.8.2: keysize, 3.x: keySize).
      const lower = (fields: Record<string, string>) =>
        Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v]));
      const batch = batches
        .map((b) => ({ ...b, fields: lower(b.fields), records: b.records.map(lower) }))
        .find((b) => b.records.some((r) => r.offset === '4'))!;
      const record = batch.records.find((r) => r.offset === '4')!;
      expect(read.record).toMatchObject({
        offset: 4,
        timestampMs: Number(record.createtime),
        keyBytes: null,
        valueBytes: Number(record.valuesize),
        compression: batch.fields.compresscodec.toLowerCase(),
        transactional: batch.fields.istransactional === 'true',
        batch: {
          baseOffset: Number(batch.fields.baseoffset),
          lastOffset: Number(batch.fields.lastoffset),
          recordCount: Number(batch.fields.count),
          sizeBytes: Number(batch.fields.size),
        },
      });
      expect(record.keysize).toBe('-1');
    } finally {
      await client.close();
    }
  });

  it('shows a stopped broker as down and the under-replicated partitions kafka-topics lists', async () => {
    await stopBroker(3, () => undefined);
    const toolUnder = await eventually(async () => {
      const listed = await partitionsListedByTool('--under-replicated-partitions', [topic]);
      return listed.length === 3 ? listed : undefined;
    }, 'the ISR to shrink');
    const state = await collectNow();
    const oursUnder = state
      .snapshot!.topics.filter((t) => t.name === topic)
      .flatMap((t) =>
        t.partitions.filter((p) => p.isr.length < p.replicas.length).map((p) => `${t.name}-${p.partition}`),
      )
      .sort();
    expect(oursUnder).toEqual(toolUnder);
    expect(brokersView(state).brokers.map((b) => [b.id, b.reachable])).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
    // The surviving brokers answered everything: no failure is blamed on them.
    const othersFailing = state.snapshot!.failures.filter((f) => f.broker !== 3 && f.broker !== null && !f.notServed);
    expect(othersFailing).toEqual([]);
    await startBroker(3, () => undefined);
    await eventually(async () => {
      const summary = clusterSummary(await collectNow());
      return summary.brokersUp === 3 && summary.underReplicatedPartitions === 0 ? true : undefined;
    }, 'broker 3 to rejoin');
  });
});
