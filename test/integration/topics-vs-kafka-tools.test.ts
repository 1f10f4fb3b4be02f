/**
 * Log start offsets, end offsets and replica sizes agree with GetOffsetShell and
 * kafka-log-dirs; a transactional topic's end offset is the high watermark.
 */
import type { Admin, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicView } from '@/lib/api/views/topic-views';
import { offsetsFromTool, replicaSizesFromTool } from '../helpers/kafka-tool-readings';
import { collectNow, eventually, sleep, testKafka, uniqueName } from '../helpers/local-cluster';

async function topicFromCollector(topic: string) {
  const state = await collectNow();
  const metadata = state.snapshot!.topics.find((t) => t.name === topic);
  if (!metadata) throw new Error(`topic ${topic} not collected`);
  return topicView(state, metadata);
}

describe('topic offsets and sizes', () => {
  let kafka: Kafka;
  let admin: Admin;
  const created: string[] = [];

  beforeAll(async () => {
    kafka = testKafka();
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: created }).catch(() => undefined);
    await admin.disconnect();
  });

  it('reports log start offsets that retention moved, as GetOffsetShell --time -2 does', async () => {
    const topic = uniqueName('retention');
    created.push(topic);
    await admin.createTopics({
      topics: [
        {
          topic,
          numPartitions: 2,
          replicationFactor: 3,
          configEntries: [
            { name: 'retention.ms', value: '2000' },
            { name: 'segment.ms', value: '1000' },
          ],
        },
      ],
      waitForLeaders: true,
    });
    const producer = kafka.producer();
    await producer.connect();
    // Keep producing so segments roll; the broker checks retention every 5 s.
    await eventually(
      async () => {
        await producer.send({ topic, messages: [0, 1].map((partition) => ({ value: 'x', partition })) });
        await sleep(400);
        const starts = await offsetsFromTool(topic, '-2');
        return [...starts.values()].every((start) => start > 0) ? true : undefined;
      },
      'retention to delete the first segments',
      90_000,
    );
    await producer.disconnect();
    // Retention keeps deleting after the last write; compare once it has deleted all it will
    // (log start = end), so the tool and the collector cannot read between two deletions.
    await eventually(
      async () => {
        const [starts, ends] = await Promise.all([offsetsFromTool(topic, '-2'), offsetsFromTool(topic, '-1')]);
        return [...starts].every(([partition, start]) => start === ends.get(partition)) ? true : undefined;
      },
      'retention to delete every expired segment',
      90_000,
    );

    const [ours, starts, ends] = await Promise.all([
      topicFromCollector(topic),
      offsetsFromTool(topic, '-2'),
      offsetsFromTool(topic, '-1'),
    ]);
    expect(ours.partitions.map((p) => [p.partition, p.logStartOffset])).toEqual([...starts.entries()].sort());
    expect(ours.partitions.map((p) => [p.partition, p.highWatermark])).toEqual([...ends.entries()].sort());
    expect(ours.partitions.every((p) => (p.logStartOffset ?? 0) > 0)).toBe(true);
    expect(ours.configs['retention.ms']).toBe('2000');
  });

  it('reports replica sizes per broker as kafka-log-dirs does', async () => {
    const topic = uniqueName('sizes');
    created.push(topic);
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    for (const partition of [0, 1, 2]) {
      await producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: 50 * (partition + 1) }, () => ({ value: 'y'.repeat(200), partition })),
      });
    }
    await producer.disconnect();

    const toolSizes = await replicaSizesFromTool(topic);
    const state = await collectNow();
    const ourSizes = state
      .snapshot!.replicaSizes.filter((r) => r.topic === topic)
      .map((r) => `${r.broker}:${r.topic}-${r.partition}:${r.sizeBytes}`)
      .sort();
    expect(ourSizes).toHaveLength(9);
    expect(ourSizes).toEqual(toolSizes);
    const view = topicView(
      state,
      state.snapshot!.topics.find((t) => t.name === topic)!,
    );
    expect(view.partitions.map((p) => (p.sizeBytes ?? 0) > 0)).toEqual([true, true, true]);
  });

  it('uses the high watermark as end offset on a topic with an open transaction, and records the last stable offset', async () => {
    const topic = uniqueName('txn');
    created.push(topic);
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
    const producer = kafka.producer({
      transactionalId: uniqueName('txn-producer'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'before' }] });
    const transaction = await producer.transaction();
    try {
      await transaction.send({ topic, messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
      const [ours, ends] = await Promise.all([topicFromCollector(topic), offsetsFromTool(topic, '-1')]);
      expect(ours.partitions[0].highWatermark).toBe(ends.get(0));
      expect(ours.partitions[0].highWatermark).toBe(4);
      // read_committed stops before the open transaction's first record.
      expect(ours.partitions[0].lastStableOffset).toBe(1);
    } finally {
      await transaction.abort();
      await producer.disconnect();
    }
  });
});
