import { describe, expect, it } from 'vitest';
import { balanceWarnings } from '@/components/ui/balance-warnings';

const balance = (overrides: Partial<Parameters<typeof balanceWarnings>[0] & object> = {}) => ({
  memberCount: 2,
  partitionCount: 4,
  minPartitionsPerMember: 2,
  maxPartitionsPerMember: 2,
  idleMembers: [],
  notMultiple: false,
  ...overrides,
});

describe('balanceWarnings', () => {
  it('has nothing to say about an even spread or a group without members', () => {
    expect(balanceWarnings(balance(), [])).toEqual([]);
    expect(balanceWarnings(null, [])).toEqual([]);
  });

  it('explains a partition count that is not a multiple of the member count', () => {
    expect(
      balanceWarnings(
        balance({ partitionCount: 3, minPartitionsPerMember: 1, maxPartitionsPerMember: 2, notMultiple: true }),
        [],
      ),
    ).toEqual(['3 partitions over 2 members is not a multiple: uneven load (1 to 2 per member)']);
  });

  it('lists idle members by client id, falling back to the member id', () => {
    const members = [
      { memberId: 'm-1', clientId: 'billing-1' },
      { memberId: 'm-2', clientId: 'billing-2' },
    ];
    const warnings = balanceWarnings(
      balance({
        memberCount: 3,
        partitionCount: 2,
        minPartitionsPerMember: 0,
        maxPartitionsPerMember: 1,
        idleMembers: ['m-2', 'm-3'],
        notMultiple: true,
      }),
      members,
    );
    expect(warnings[0]).toBe('2 idle members without partitions (billing-2, m-3): more members than partitions');
    expect(warnings[1]).toMatch(/^2 partitions over 3 members is not a multiple/);
  });
});
