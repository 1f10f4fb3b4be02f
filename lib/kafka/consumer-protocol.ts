/**
 * Decodes the consumer protocol's member assignment (ConsumerProtocolAssignment),
 * the bytes a classic consumer group's leader hands each member.
 */
import type { GroupMemberAssignment } from './types';

/**
 * Layout (all versions): int16 version, int32 count of topics, each topic an int16-length
 * string and an int32 count of int32 partitions; user data and later fields follow and are ignored.
 * Empty or unreadable bytes give an empty assignment (a member between rebalances has none).
 */
export function decodeMemberAssignment(bytes: Buffer | null | undefined): GroupMemberAssignment[] {
  if (!bytes || bytes.length < 6) return [];
  try {
    let at = 2; // version
    const topicCount = bytes.readInt32BE(at);
    at += 4;
    const assignment: GroupMemberAssignment[] = [];
    for (let t = 0; t < topicCount; t++) {
      const nameLength = bytes.readInt16BE(at);
      at += 2;
      const topic = bytes.toString('utf8', at, at + nameLength);
      at += nameLength;
      const partitionCount = bytes.readInt32BE(at);
      at += 4;
      const partitions: number[] = [];
      for (let p = 0; p < partitionCount; p++) {
        partitions.push(bytes.readInt32BE(at));
        at += 4;
      }
      assignment.push({ topic, partitions: partitions.sort((a, b) => a - b) });
    }
    return assignment;
  } catch {
    return [];
  }
}
