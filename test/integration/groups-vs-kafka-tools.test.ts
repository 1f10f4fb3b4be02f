/**
 * Per-partition committed offset, end offset and lag agree with kafka-consumer-groups --describe.
 */
import type { Admin, Consumer, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupView } from '@/lib/api/views/group-views';
import { asToolRows, describeGroupWithTool } from '../helpers/kafka-tool-readings';
import { collectNow, eventually, testKafka, uniqueName } from '../helpers/local-cluster';

async function ourView(groupId: string) {
  const state = await collectNow();
  const group = state.snapshot!.groups.find((g) => g.groupId === groupId);
  if (!group) throw new Error(`group ${groupId} not collected`);
  return groupView(state, group);
}

describe('consumer group lag', () => {
  let kafka: Kafka;
  let admin: Admin;
  const topic = uniqueName('lag');

  beforeAll(async () => {
    kafka = testKafka();
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    // 10, 20 and 30 messages on partitions 0, 1 and 2.
    for (const partition of [0, 1, 2]) {
      const messages = Array.from({ length: 10 * (partition + 1) }, (_, i) => ({ value: `m${i}`, partition }));
      await producer.send({ topic, messages });
    }
    await producer.disconnect();
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('matches the tool for a group with no members, committed on some partitions only', async () => {
    const groupId = uniqueName('empty-group');
    await admin.setOffsets({
      groupId,
      topic,
      partitions: [
        { partition: 0, offset: '4' },
        { partition: 1, offset: '20' },
      ],
    });

    const [ours, tool] = await Promise.all([ourView(groupId), describeGroupWithTool(groupId)]);
    expect(ours.state).toBe('Empty');
    expect(ours.members).toEqual([]);
    const rows = asToolRows(ours.partitions);
    expect(rows).toEqual(tool);
    expect(rows).toEqual([
      { topic, partition: 0, committedOffset: 4, highWatermark: 10, lag: 6 },
      { topic, partition: 1, committedOffset: 20, highWatermark: 20, lag: 0 },
    ]);
    expect(ours.totalLag).toBe(6);
  });

  it('matches the tool for an active member with an assigned partition that has no committed offset', async () => {
    const groupId = uniqueName('active-group');
    const consumer: Consumer = kafka.consumer({ groupId, sessionTimeout: 30_000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen = new Set<number>();
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition }) => {
        seen.add(partition);
      },
    });
    try {
      await eventually(async () => (seen.size === 3 ? true : undefined), 'the consumer to read all partitions');
      // Commit on partitions 0 and 1 only; partition 2 stays assigned without a committed offset.
      await consumer.commitOffsets([
        { topic, partition: 0, offset: '7' },
        { topic, partition: 1, offset: '15' },
      ]);
      const [ours, tool] = await Promise.all([ourView(groupId), describeGroupWithTool(groupId)]);
      expect(ours.state).toBe('Stable');
      expect(ours.members).toHaveLength(1);
      expect(ours.members[0].assignment).toEqual([{ topic, partitions: [0, 1, 2] }]);
      const rows = asToolRows(ours.partitions);
      expect(rows).toEqual(tool);
      expect(rows[2]).toEqual({ topic, partition: 2, committedOffset: null, highWatermark: 30, lag: null });
      expect(ours.partitions.every((p) => p.memberId === ours.members[0].memberId)).toBe(true);

      const summary = (await collectNow()).snapshot!.groups.find((g) => g.groupId === groupId);
      expect(summary?.members[0].clientId).toBeTruthy();
    } finally {
      await consumer.disconnect();
    }
  });
});
