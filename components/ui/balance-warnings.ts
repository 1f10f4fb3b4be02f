/**
 * Warnings about how a group's partitions are spread over its members, from the
 * API's assignmentBalance.
 */
import type { GroupResponse } from '@/lib/api/schemas';

type Balance = NonNullable<GroupResponse['assignmentBalance']>;
type Member = Pick<GroupResponse['members'][number], 'memberId' | 'clientId'>;

/**
 * - Idle members (no partition: more members than partitions), named by client id.
 * - A partition count that is not a multiple of the member count: some members carry more.
 * No balance (no members) or an even spread: [].
 */
export function balanceWarnings(balance: Balance | null, members: Member[]): string[] {
  if (balance === null) return [];
  const warnings: string[] = [];
  if (balance.idleMembers.length > 0) {
    const clientIds = balance.idleMembers.map((id) => members.find((m) => m.memberId === id)?.clientId ?? id);
    const count = balance.idleMembers.length;
    warnings.push(
      `${count} idle ${count === 1 ? 'member' : 'members'} without partitions (${clientIds.join(', ')}): ` +
        `more members than partitions`,
    );
  }
  if (balance.notMultiple) {
    warnings.push(
      `${balance.partitionCount} partitions over ${balance.memberCount} members is not a multiple: uneven load ` +
        `(${balance.minPartitionsPerMember} to ${balance.maxPartitionsPerMember} per member)`,
    );
  }
  return warnings;
}
