/**
 * A group on the new consumer protocol (KIP-848) is listed with its members and
 * assignment. Kafka's own console consumer joins with group.protocol=consumer.
 */
import type { ChildProcess } from 'node:child_process';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupView } from '@/lib/api/views/group-views';
import { collectNow, eventually, startKafkaTool, testKafka, uniqueName } from '../helpers/local-cluster';

describe('a KIP-848 consumer group', () => {
  let admin: Admin;
  let consumer: ChildProcess | undefined;
  const topic = uniqueName('kip848');
  const groupId = uniqueName('kip848-group');

  beforeAll(async () => {
    admin = testKafka().admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 4, replicationFactor: 3 }], waitForLeaders: true });
  });

  afterAll(async () => {
    consumer?.kill('SIGKILL');
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('is described with ConsumerGroupDescribe: protocol, member and all four partitions', async () => {
    consumer = startKafkaTool('console-consumer', [
      '--topic',
      topic,
      '--group',
      groupId,
      '--consumer-property',
      'group.protocol=consumer',
      '--consumer-property',
      'client.id=kip848-client',
    ]);
    const view = await eventually(
      async () => {
        const state = await collectNow();
        const group = state.snapshot!.groups.find((g) => g.groupId === groupId);
        if (!group || group.members.length !== 1 || group.members[0].assignment.length === 0) return undefined;
        return groupView(state, group);
      },
      'the console consumer to join',
      60_000,
    );
    expect(view.protocol).toBe('consumer');
    expect(view.state).toBe('Stable');
    expect(view.members[0].clientId).toBe('kip848-client');
    expect(view.members[0].assignment).toEqual([{ topic, partitions: [0, 1, 2, 3] }]);
    // Nothing committed yet: every assigned partition shows lag unknown, not zero.
    expect(view.partitions.map((p) => [p.partition, p.committedOffset, p.lag])).toEqual([
      [0, null, null],
      [1, null, null],
      [2, null, null],
      [3, null, null],
    ]);
  });
});
