import { describe, expect, it } from 'vitest';
import { assignmentBalance, isRebalancing } from '@/lib/analysis/assignment-balance';

describe('assignmentBalance', () => {
  /** A member assigned `counts[i]` partitions of topic i. */
  function member(memberId: string, ...counts: number[]) {
    return {
      memberId,
      assignment: counts.map((count, i) => ({
        topic: `t${i}`,
        partitions: Array.from({ length: count }, (_, p) => p),
      })),
    };
  }

  it('is null for a group without members', () => {
    expect(assignmentBalance([])).toBeNull();
  });

  it('counts partitions of all topics per member', () => {
    expect(assignmentBalance([member('a', 2, 1), member('b', 3)])).toEqual({
      memberCount: 2,
      partitionCount: 6,
      minPartitionsPerMember: 3,
      maxPartitionsPerMember: 3,
      idleMembers: [],
      notMultiple: false,
    });
  });

  it('flags a partition count that does not split evenly', () => {
    expect(assignmentBalance([member('a', 3), member('b', 2)])).toMatchObject({
      minPartitionsPerMember: 2,
      maxPartitionsPerMember: 3,
      notMultiple: true,
    });
  });

  it('lists idle members when there are more members than partitions', () => {
    expect(assignmentBalance([member('a', 1), member('b'), member('c', 1), member('d', 0)])).toMatchObject({
      partitionCount: 2,
      minPartitionsPerMember: 0,
      idleMembers: ['b', 'd'],
      notMultiple: true,
    });
  });
});

describe('isRebalancing', () => {
  it.each(['PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling', 'ASSIGNING'])(
    'is true for %s',
    (state) => {
      expect(isRebalancing(state)).toBe(true);
    },
  );

  it.each(['Stable', 'Empty', 'Dead', 'Unknown', ''])('is false for %s', (state) => {
    expect(isRebalancing(state)).toBe(false);
  });
});
