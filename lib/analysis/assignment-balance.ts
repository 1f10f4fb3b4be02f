/**
 * How evenly a consumer group's partitions are spread over its members. A group
 * goes only as fast as its busiest member, and members beyond the partition count
 * sit idle.
 */

export interface AssignmentBalance {
  memberCount: number;
  /** Partitions assigned across all members (unassigned partitions are not seen here). */
  partitionCount: number;
  minPartitionsPerMember: number;
  maxPartitionsPerMember: number;
  /** Member ids, in input order, with no partition. */
  idleMembers: string[];
  /** The partitions cannot be split evenly: `partitionCount % memberCount !== 0`. */
  notMultiple: boolean;
}

const REBALANCING_STATES = new Set(['preparingrebalance', 'completingrebalance', 'assigning', 'reconciling']);

/**
 * Group states in which the assignment is being changed: classic groups between a
 * member joining or leaving and the new assignment (PreparingRebalance,
 * CompletingRebalance), KIP-848 groups computing or handing out a new target
 * assignment (Assigning, Reconciling). DescribeGroups answers a classic group that is
 * not Stable with every member's assignment empty, and a reconciling member still holds
 * its old partitions, so idle members and skew seen then are not the group's balance.
 * Case-insensitive; anything else (Stable, Empty, Dead, unknown) is not rebalancing.
 */
export function isRebalancing(groupState: string): boolean {
  return REBALANCING_STATES.has(groupState.toLowerCase());
}

/**
 * Balance of the current assignment, counting partitions of all topics together;
 * null when the group has no members (Empty).
 */
export function assignmentBalance(
  members: { memberId: string; assignment: { topic: string; partitions: number[] }[] }[],
): AssignmentBalance | null {
  if (members.length === 0) return null;
  const counts = members.map((member) => member.assignment.reduce((sum, topic) => sum + topic.partitions.length, 0));
  const partitionCount = counts.reduce((sum, count) => sum + count, 0);
  return {
    memberCount: members.length,
    partitionCount,
    minPartitionsPerMember: Math.min(...counts),
    maxPartitionsPerMember: Math.max(...counts),
    idleMembers: members.filter((_, i) => counts[i] === 0).map((member) => member.memberId),
    notMultiple: partitionCount % members.length !== 0,
  };
}
