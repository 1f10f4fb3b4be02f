import { describe, expect, it } from 'vitest';
import { topicsNearestRetention, worstGroups } from '@/components/tables/cluster-rankings';
import type { GroupSummary, TopicSummary } from '@/lib/api/schemas';

function group(groupId: string, overrides: Partial<GroupSummary> = {}): GroupSummary {
  return {
    groupId,
    state: 'Stable',
    protocol: 'classic',
    memberCount: 1,
    topics: ['t'],
    totalLag: 0,
    partitionsWithoutOffset: 0,
    status: 'OK',
    maxTimeLagSeconds: 0,
    secondsUntilLoss: null,
    lostMessages: 0,
    error: null,
    ...overrides,
  };
}

function topic(name: string, age: number | null, size: number | null): TopicSummary {
  return {
    name,
    internal: false,
    partitionCount: 1,
    replicationFactor: 3,
    underReplicatedPartitions: 0,
    offlinePartitions: 0,
    retentionMs: null,
    retentionBytes: null,
    cleanupPolicy: 'delete',
    sizeBytes: 0,
    messageCount: 0,
    produceRate: null,
    bytesInRate: null,
    oldestMessageAgeSeconds: null,
    retentionUsage: { age, size },
    hotPartitions: [],
  };
}

describe('worstGroups', () => {
  it('puts ERR before WARN before OK before unknown', () => {
    const ranked = worstGroups([
      group('ok'),
      group('none', { status: null }),
      group('warn', { status: 'WARN' }),
      group('err', { status: 'ERR' }),
    ]);
    expect(ranked.map((g) => g.groupId)).toEqual(['err', 'warn', 'ok', 'none']);
  });

  it('within a status, puts lost messages first, then the soonest loss, then the largest time lag', () => {
    const ranked = worstGroups([
      group('lagging', { status: 'ERR', maxTimeLagSeconds: 900 }),
      group('soon', { status: 'ERR', secondsUntilLoss: 600 }),
      group('later', { status: 'ERR', secondsUntilLoss: 6000 }),
      group('lost', { status: 'ERR', lostMessages: 5, secondsUntilLoss: 0 }),
      group('little', { status: 'ERR', maxTimeLagSeconds: 3 }),
    ]);
    expect(ranked.map((g) => g.groupId)).toEqual(['lost', 'soon', 'later', 'lagging', 'little']);
  });

  it('keeps only the first ones', () => {
    expect(worstGroups([group('a'), group('b'), group('c')], 2)).toHaveLength(2);
  });
});

describe('topicsNearestRetention', () => {
  it('ranks topics by the fuller of age and size, and leaves out topics without limits', () => {
    const ranked = topicsNearestRetention([topic('none', null, null), topic('old', 0.9, 0.1), topic('big', 0.2, 1.3)]);
    expect(ranked).toEqual([
      { topic: 'big', usage: 1.3, by: 'size' },
      { topic: 'old', usage: 0.9, by: 'age' },
    ]);
  });
});
