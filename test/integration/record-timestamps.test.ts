/**
 * The timestamp of the first record at or after an offset, read with a group-less Fetch,
 * agrees with the producer's timestamps and with kafka-console-consumer: inside batches,
 * in GZIP batches, in LogAppendTime topics, past transaction markers, at the log end and
 * below the log start.
 */
import zlib from 'node:zlib';
import { CompressionTypes, type Message } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrokerConnections } from '@/lib/kafka/connection';
import { createKafkaClient, type KafkaClient } from '@/lib/kafka/kafka-client';
import { fetchRecordTimestamps, type TimestampRequest } from '@/lib/kafka/record-timestamps';
import type { BrokerNode, TopicMetadata } from '@/lib/kafka/types';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { recordTimestampFromTool } from '../helpers/kafka-tool-readings';
import { eventually, LOCAL_BROKERS, runKafkaTool, sendWithRetry, uniqueName } from '../helpers/local-cluster';

/**
 * An hour ago: far enough from the broker's clock never to be mistaken for it, recent enough
 * that retention (7 days, checked every 5 s on the local cluster) does not delete the records.
 */
const T0 = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;

const messages = (timestamps: number[], partition: number): Message[] =>
  timestamps.map((ms) => ({ value: `at-${ms}`, timestamp: String(ms), partition }));

describe('fetchRecordTimestamps', () => {
  const fixture = useKafkaFixture('record-ts');
  let client: KafkaClient;

  async function metadataOf(topic: string): Promise<{ brokers: BrokerNode[]; topics: TopicMetadata[] }> {
    const metadata = await client.metadata();
    return { brokers: metadata.brokers, topics: metadata.topics.filter((t) => t.name === topic) };
  }

  beforeAll(() => {
    client = createKafkaClient({ brokers: LOCAL_BROKERS, requestTimeoutMs: 5000 });
  });

  afterAll(async () => {
    await client.close();
  });

  it('reads producer timestamps inside plain and GZIP batches with one Fetch per leader, and null at the end', async () => {
    const topic = await fixture.createTopic(3);
    // Partition 0: a plain 3-record batch (offsets 0-2), a GZIP 4-record batch (3-6), one record (7).
    await sendWithRetry(fixture.producer, { topic, acks: -1, messages: messages([T0, T0 + 1, T0 + 2], 0) });
    await fixture.producer.send({
      topic,
      acks: -1,
      compression: CompressionTypes.GZIP,
      messages: messages([T0 + 10, T0 + 11, T0 + 12, T0 + 13], 0),
    });
    await fixture.producer.send({ topic, acks: -1, messages: messages([T0 + 20], 0) });
    // Partition 1: one GZIP batch of 5; partition 2: single records, timestamps going backwards.
    await sendWithRetry(fixture.producer, {
      topic,
      acks: -1,
      compression: CompressionTypes.GZIP,
      messages: messages([T0 + 100, T0 + 101, T0 + 102, T0 + 103, T0 + 104], 1),
    });
    await sendWithRetry(fixture.producer, { topic, acks: -1, messages: messages([T0 + 300], 2) });
    await fixture.producer.send({ topic, acks: -1, messages: messages([T0 + 200], 2) });

    const { brokers, topics } = await metadataOf(topic);
    const requests: TimestampRequest[] = [
      { topic, partition: 0, offset: 5 },
      { topic, partition: 1, offset: 2 },
      { topic, partition: 2, offset: 1 },
    ];
    // Each broker's versions are read once per connection (a cycle's probe does it): count only the Fetches.
    await client.probeBrokers(brokers);
    client.beginCycle();
    const { value, failures } = await client.recordTimestamps(brokers, topics, requests);
    const leaders = new Set(topics[0].partitions.map((p) => p.leader));
    expect(client.requestCount).toBe(leaders.size);
    expect(failures).toEqual([]);
    expect(value).toEqual([
      { topic, partition: 0, offset: 5, timestampMs: T0 + 12, recordOffset: 5, error: null },
      { topic, partition: 1, offset: 2, timestampMs: T0 + 102, recordOffset: 2, error: null },
      { topic, partition: 2, offset: 1, timestampMs: T0 + 200, recordOffset: 1, error: null },
    ]);
    expect(await recordTimestampFromTool(topic, 0, 5)).toBe(`CreateTime:${T0 + 12}`);

    // Several offsets of one partition: a Fetch names a partition once, so partition 0 takes 4 rounds.
    const onPartition0 = [0, 1, 7, 8].map((offset) => ({ topic, partition: 0, offset }));
    client.beginCycle();
    const more = await client.recordTimestamps(brokers, topics, onPartition0);
    expect(client.requestCount).toBe(4);
    expect(more.failures).toEqual([]);
    expect(more.value.map((r) => [r.offset, r.timestampMs, r.recordOffset, r.error])).toEqual([
      [0, T0, 0, null],
      [1, T0 + 1, 1, null],
      [7, T0 + 20, 7, null],
      [8, null, null, null], // the log end: no record yet
    ]);
  });

  it('gives every record of a LogAppendTime batch the time the broker appended it, as the console consumer does', async () => {
    const topic = await fixture.createTopic(3, { 'message.timestamp.type': 'LogAppendTime' });
    const before = Date.now();
    await sendWithRetry(fixture.producer, {
      topic,
      acks: -1,
      compression: CompressionTypes.GZIP,
      messages: messages([T0, T0 + 1, T0 + 2], 0),
    });
    const after = Date.now();

    const { brokers, topics } = await metadataOf(topic);
    const { value, failures } = await client.recordTimestamps(brokers, topics, [{ topic, partition: 0, offset: 1 }]);
    expect(failures).toEqual([]);
    const appendedAt = value[0].timestampMs ?? 0;
    expect(appendedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(appendedAt).toBeLessThanOrEqual(after + 1000);
    expect(value[0].recordOffset).toBe(1);
    expect(await recordTimestampFromTool(topic, 0, 1)).toBe(`LogAppendTime:${appendedAt}`);
  });

  it('answers OFFSET_OUT_OF_RANGE below the log start and past the log end, without throwing or failing', async () => {
    const topic = await fixture.createTopic(3);
    await sendWithRetry(fixture.producer, {
      topic,
      acks: -1,
      messages: messages([T0, T0 + 1, T0 + 2, T0 + 3, T0 + 4], 0),
    });
    // kafkajs looks the leader up in its cached metadata, which does not know the new topic yet.
    await fixture.admin.fetchTopicMetadata({ topics: [topic] });
    await fixture.admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '3' }] });

    const { brokers, topics } = await metadataOf(topic);
    const requests = [1, 3, 5, 6].map((offset) => ({ topic, partition: 0, offset }));
    const { value, failures } = await client.recordTimestamps(brokers, topics, requests);
    expect(failures).toEqual([]);
    expect(value.map((r) => [r.offset, r.timestampMs, r.recordOffset, r.error])).toEqual([
      [1, null, null, 'OFFSET_OUT_OF_RANGE'], // below the log start (3)
      [3, T0 + 3, 3, null], // the new log start: a batch that starts before it is skipped into
      [5, null, null, null], // the log end
      [6, null, null, 'OFFSET_OUT_OF_RANGE'], // past the log end
    ]);
  });

  it('skips transaction markers to the next record, and answers null when only a marker is left', async () => {
    const topic = await fixture.createTopic(1);
    await sendWithRetry(fixture.producer, { topic, acks: -1, messages: messages([T0], 0) });
    const transactional = fixture.kafka.producer({
      transactionalId: uniqueName('record-ts-producer'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await transactional.connect();
    try {
      const commit = async (timestamps: number[]) => {
        const transaction = await transactional.transaction();
        await transaction.send({ topic, messages: messages(timestamps, 0) });
        await transaction.commit();
      };
      await commit([T0 + 1, T0 + 2]); // offsets 1-2, commit marker at 3
      const { brokers, topics } = await metadataOf(topic);
      // Only the marker lies between offset 3 and the high watermark (4), once the marker is replicated.
      const atMarker = await eventually(async () => {
        const answer = await client.recordTimestamps(brokers, topics, [{ topic, partition: 0, offset: 3 }]);
        return answer.value[0].noRecordBelow === 4 ? answer : undefined;
      }, 'the commit marker to be below the high watermark');
      expect(atMarker.value[0]).toMatchObject({ timestampMs: null, recordOffset: null, error: null });

      await commit([T0 + 3]); // offset 4, commit marker at 5
      const requests = [2, 3, 5].map((offset) => ({ topic, partition: 0, offset }));
      const later = await client.recordTimestamps(brokers, topics, requests);
      expect(later.failures).toEqual([]);
      expect(later.value.map((r) => [r.offset, r.timestampMs, r.recordOffset, r.error])).toEqual([
        [2, T0 + 2, 2, null],
        [3, T0 + 3, 4, null],
        [5, null, null, null],
      ]);
    } finally {
      await transactional.disconnect();
    }
  });

  it('reads a batch bigger than partitionMaxBytes whole, asking again once for the partitions that were cut off', async () => {
    // Two partitions led by broker 1, so one Fetch covers both.
    const topic = await fixture.createTopicWith({
      replicaAssignment: [0, 1].map((partition) => ({ partition, replicas: [1, 2, 3] })),
    });
    const big = (partition: number, base: number): Message[] =>
      Array.from({ length: 20 }, (_, i) => ({ value: 'x'.repeat(500), timestamp: String(base + i), partition }));
    await sendWithRetry(fixture.producer, { topic, acks: -1, messages: big(0, T0) });
    await sendWithRetry(fixture.producer, { topic, acks: -1, messages: big(1, T0 + 1000) });

    const { brokers, topics } = await metadataOf(topic);
    expect(topics[0].partitions.map((p) => p.leader)).toEqual([1, 1]);
    const connections = new BrokerConnections({ brokers: LOCAL_BROKERS, requestTimeoutMs: 5000 });
    try {
      const requests = [0, 1].map((partition) => ({ topic, partition, offset: 7 }));
      await Promise.all(brokers.map((broker) => connections.refreshApis(broker)));
      connections.beginCycle();
      const { value, failures } = await fetchRecordTimestamps(connections, brokers, topics, requests, {
        partitionMaxBytes: 1024,
      });
      expect(failures).toEqual([]);
      expect(value.map((r) => [r.partition, r.timestampMs, r.recordOffset])).toEqual([
        [0, T0 + 7, 7],
        [1, T0 + 1007, 7],
      ]);
      // The broker returns the first partition's batch whole anyway; the second one is cut and asked again.
      expect(connections.requestCount).toBe(2);
    } finally {
      await connections.close();
    }
  });

  it('reads LZ4 and Snappy batches, and keeps answering for other partitions when zstd cannot be decompressed', async () => {
    const codecs = ['lz4', 'snappy', 'zstd'] as const;
    const topicOf: Record<string, string> = {};
    for (const codec of codecs) topicOf[codec] = await fixture.createTopic(1);
    const before = Date.now();
    // kafkajs cannot write these codecs: Kafka's own producer does.
    for (const codec of codecs) {
      await runKafkaTool('producer-perf-test', [
        ...['--topic', topicOf[codec], '--num-records', '20', '--record-size', '100', '--throughput', '-1'],
        ...['--producer-props', `compression.type=${codec}`, 'acks=all'],
      ]);
    }
    const after = Date.now();

    const metadata = await client.metadata();
    const topics = metadata.topics.filter((t) => Object.values(topicOf).includes(t.name));
    const requests = codecs.map((codec) => ({ topic: topicOf[codec], partition: 0, offset: 5 }));
    const { value, failures } = await client.recordTimestamps(metadata.brokers, topics, requests);
    const zstdReadable = typeof (zlib as { zstdDecompressSync?: unknown }).zstdDecompressSync === 'function';
    for (const result of value) {
      if (result.topic === topicOf.zstd && !zstdReadable) {
        expect(result).toMatchObject({ timestampMs: null, recordOffset: null, error: 'UNSUPPORTED_COMPRESSION_TYPE' });
        continue;
      }
      expect(result).toMatchObject({ recordOffset: 5, error: null });
      expect(result.timestampMs).toBeGreaterThanOrEqual(before - 1000);
      expect(result.timestampMs).toBeLessThanOrEqual(after + 1000);
    }
    expect(failures.map((f) => f.message)).toEqual(
      zstdReadable ? [] : [`${topicOf.zstd}-0@5: UNSUPPORTED_COMPRESSION_TYPE`],
    );
  });

  it('records an unreachable leader once and still answers for the partitions of the other leaders', async () => {
    const topic = await fixture.createTopic(3);
    for (const partition of [0, 1, 2]) {
      await sendWithRetry(fixture.producer, { topic, acks: -1, messages: messages([T0 + partition], partition) });
    }
    const { brokers, topics } = await metadataOf(topic);
    const leaders = topics[0].partitions.map((p) => p.leader);
    const down = leaders[0];
    // Nothing listens on port 1: the leader of partition 0 looks down, without stopping a broker.
    const reachable = brokers.map((b) => (b.id === down ? { ...b, port: 1 } : b));
    const requests = [
      ...[0, 1, 2].map((partition) => ({ topic, partition, offset: 0 })),
      { topic: `${topic}-missing`, partition: 0, offset: 0 },
    ];
    const { value, failures } = await client.recordTimestamps(reachable, topics, requests);
    expect(value.map((r) => [r.partition, r.timestampMs, r.error])).toEqual([
      ...[0, 1, 2].map((partition) =>
        leaders[partition] === down ? [partition, null, 'NETWORK_EXCEPTION'] : [partition, T0 + partition, null],
      ),
      [0, null, 'UNKNOWN_TOPIC_OR_PARTITION'],
    ]);
    expect(failures.map((f) => f.broker).sort()).toEqual([down, null].sort());
  });
});
