/**
 * Topics that the log dirs or a group's member assignment name but Metadata does not list are
 * either hidden from this user or gone: a topic deleted while a consumer still has it assigned
 * must not read "not authorised" for a user allowed everything.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Consumer } from 'kafkajs';
import { collectCycle } from '@/lib/collector/collect-cycle';
import { unlistedTopics } from '@/lib/collector/hidden-topics';
import type { ClusterSnapshot } from '@/lib/collector/snapshot';
import { createKafkaClient } from '@/lib/kafka/kafka-client';
import { eventually, LOCAL_BROKERS, testKafka, uniqueName } from '../helpers/local-cluster';

const kafka = testKafka();
const client = createKafkaClient({ brokers: LOCAL_BROKERS, requestTimeoutMs: 5000 });
const consumers: Consumer[] = [];

afterAll(async () => {
  await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
  await client.close();
});

const assigned = (snapshot: ClusterSnapshot, groupId: string, topic: string) =>
  snapshot.groups
    .find((g) => g.groupId === groupId)
    ?.members.some((m) => m.assignment.some((a) => a.topic === topic)) ?? false;

describe('a topic deleted while a group still has it assigned', () => {
  it('is not said to be hidden ("not authorised") to a user allowed everything', async () => {
    const topic = uniqueName('deleted-assigned');
    const groupId = uniqueName('deleted-assigned-group');
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 3 }], waitForLeaders: true });
      const consumer = kafka.consumer({ groupId, sessionTimeout: 30_000 });
      consumers.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async () => undefined });
      await eventually(
        async () => (assigned(await collectCycle(client, null), groupId, topic) ? true : undefined),
        'the member to be assigned the topic',
      );

      await admin.deleteTopics({ topics: [topic] });
      // Metadata stops listing it at once; the member's assignment names it until the group rebalances.
      let previous: ClusterSnapshot | null = null;
      let unlistedButNamed = 0;
      for (let i = 0; i < 3; i++) {
        const snapshot: ClusterSnapshot = await collectCycle(client, previous);
        if (unlistedTopics(snapshot).has(topic)) unlistedButNamed++;
        expect(snapshot.failures.filter((f) => f.resources?.includes(topic) || f.message.includes(topic))).toEqual([]);
        previous = snapshot;
      }
      // The case was there to judge: named by the assignment (or the log dirs) while unlisted.
      expect(unlistedButNamed).toBeGreaterThan(0);
      // Asked by name, Kafka says it is unknown, not refused.
      expect(await client.refusedTopics(previous!.brokers, [topic])).toEqual([]);
    } finally {
      await admin.disconnect();
    }
  });
});
