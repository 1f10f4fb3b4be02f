/**
 * The server's collector thread (lib/collector/collector-thread.ts) on the local cluster:
 * a cycle read there arrives whole in this thread, the analysis's memory carries over
 * between cycles, and a thread that stops fails the reads waiting on it and is replaced
 * by the next read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterConfig } from '@/lib/config/schema';
import { clusterAlertSettings } from '@/lib/alerts/alert-settings';
import { groupConditions } from '@/lib/alerts/group-rules';
import { CollectorThread } from '@/lib/collector/collector-thread';
import { createAnalyzer } from '@/lib/collector/cluster-pipeline';
import { createClusterClient } from '@/lib/collector/cluster-client';
import { kafkaCycleReader, type CycleReader } from '@/lib/collector/cycle-reader';
import { decodeCycleRead, encodeCycleRead } from '@/lib/collector/cycle-wire';
import { ConnectionSettings } from '@/lib/config/connection-settings';
import { log } from '@/lib/log/logger';
import { LOCAL_BROKERS, sendWithRetry, testKafka, uniqueName } from '../helpers/local-cluster';

describe('the collector thread', () => {
  const topic = uniqueName('thread');
  const group = uniqueName('thread-group');
  const kafka = testKafka();
  const admin = kafka.admin();
  const cluster = ClusterConfig.parse({ id: 'local', brokers: LOCAL_BROKERS, pollIntervalMs: 1000 });
  // Any time lag at all raises group-time-lag: the thread's group rules have something to find.
  const alerts = { timeLagSeconds: 0.001, overrides: [], silences: [] };
  const thread = new CollectorThread({ clusters: [cluster], env: {}, history: null, alerts }, log);
  let reader: CycleReader;

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    await sendWithRetry(producer, { topic, messages: Array.from({ length: 30 }, (_, i) => ({ value: `m${i}` })) });
    await producer.disconnect();
    // A group 10 messages behind on every partition, so the analysis has group partitions to send.
    await admin.setOffsets({
      groupId: group,
      topic,
      partitions: [0, 1, 2].map((p) => ({ partition: p, offset: '0' })),
    });
    reader = thread.reader(cluster.id, () => null);
  });

  afterAll(async () => {
    await reader.close();
    await admin.deleteGroups([group]).catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('reads a cycle and its analysis there, with the end offsets Kafka reports', async () => {
    const first = await reader.read();
    expect(first.error).toBeNull();
    expect(first.requestCount).toBeGreaterThan(0);
    const offsets = await admin.fetchTopicOffsets(topic);
    const read = first.snapshot!.offsets.filter((o) => o.topic === topic);
    expect(read.map((o) => [o.partition, o.highWatermark]).sort()).toEqual(
      offsets.map((o) => [o.partition, Number(o.high)]).sort(),
    );
    // The analysis's maps survive the trip between threads.
    expect(first.analysis!.topics.get(topic)).toBeDefined();
    expect(first.analysis!.partitions.size).toBeGreaterThanOrEqual(3);
    // The group rules ran there with the configured policy, and found what they find here.
    const { policy } = clusterAlertSettings({ alerts }, cluster, 0);
    const here = groupConditions({ id: cluster.id, snapshot: first.snapshot, analysis: first.analysis }, policy);
    expect(first.groupConditions).toEqual(here);
    expect(first.groupConditions!.map((c) => c.key)).toContain(`group-time-lag:${cluster.id}:${group}`);
    // Nothing to compare the first snapshot with; the next read says what changed in between.
    expect(first.changes).toBeNull();
    const added = uniqueName('thread-added');
    await admin.createTopics({ topics: [{ topic: added, numPartitions: 1 }], waitForLeaders: true });
    try {
      const second = await reader.read();
      const created = second.changes!.filter((e) => e.kind === 'topic-created');
      expect(created.map((e) => e.subject.topic)).toEqual([added]);
    } finally {
      await admin.deleteTopics({ topics: [added] }).catch(() => undefined);
    }
  });

  it('sends a cycle between the threads unchanged: its encoding reads back equal, maps and all', async () => {
    const client = createClusterClient(cluster.id, new ConnectionSettings(cluster, {}), log);
    const analyzer = createAnalyzer({ cluster, client });
    const local = kafkaCycleReader(client, (snapshot) => analyzer.analyze(snapshot));
    try {
      await local.read();
      const read = await local.read(); // the second has rates
      expect(read.analysis!.groups.get(group)!.partitions.size).toBe(3);
      expect(read.analysis!.topics.get(topic)!.produceRate).toBe(0);
      // toEqual tells NaN and Infinity from the null JSON would make of them.
      expect(decodeCycleRead(encodeCycleRead(read))).toEqual(read);
    } finally {
      await local.close();
    }
  });

  it('keeps the analysis memory between reads: a second cycle has a produce rate', async () => {
    const second = await reader.read();
    expect(second.analysis!.topics.get(topic)!.produceRate).toBe(0);
  });

  it('fails the reads waiting on a thread that stopped, and the next read starts a new one', async () => {
    const waiting = reader.read();
    await thread.terminate();
    await expect(waiting).rejects.toThrow(/collector thread stopped/);
    const after = await reader.read();
    expect(after.error).toBeNull();
    expect(after.snapshot!.topics.some((t) => t.name === topic)).toBe(true);
    // A new thread starts with an empty memory: no rate from a single cycle.
    expect(after.analysis!.topics.get(topic)!.produceRate).toBeNull();
  });
});
