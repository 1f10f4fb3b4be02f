import { describe, expect, it } from 'vitest';
import { topicsNearestRetention, worstGroups } from '@/components/tables/cluster-rankings';
import { groupSummary as group, topicSummary } from './builders';

/** A topic that is `age` and `size` of the way to its retention limits (null: no such limit). */
const topic = (name: string, age: number | null, size: number | null) =>
  topicSummary(name, { retentionUsage: { age, size } });

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
