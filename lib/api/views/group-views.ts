/**
 * Consumer group list and group detail, with lag against the high watermark.
 */
import { partitionLag, totalLag } from '../../analysis/lag';
import type { ClusterState, GroupState } from '../../collector/snapshot';
import type { PartitionOffsets } from '../../kafka/types';
import type { GroupPartitionView, GroupResponse, GroupsResponse } from '../schemas';
import { freshness } from './freshness';
import { offsetsIndex, partitionKey } from './indexes';

/**
 * Every partition the group has committed on or is assigned, as kafka-consumer-groups
 * --describe lists them: assigned partitions without a commit show lag unknown.
 */
export function groupPartitions(group: GroupState, offsets: Map<string, PartitionOffsets>): GroupPartitionView[] {
  const owners = new Map<string, GroupState['members'][number]>();
  for (const member of group.members) {
    for (const a of member.assignment) for (const p of a.partitions) owners.set(partitionKey(a.topic, p), member);
  }
  const committed = new Map(group.offsets.map((o) => [partitionKey(o.topic, o.partition), o.offset]));
  const keys = new Map<string, { topic: string; partition: number }>();
  for (const o of group.offsets) keys.set(partitionKey(o.topic, o.partition), o);
  for (const member of group.members) {
    for (const a of member.assignment)
      for (const p of a.partitions) keys.set(partitionKey(a.topic, p), { topic: a.topic, partition: p });
  }
  return [...keys.entries()]
    .map(([key, { topic, partition }]) => {
      const end = offsets.get(key);
      const committedOffset = committed.get(key) ?? null;
      const owner = owners.get(key);
      return {
        topic,
        partition,
        committedOffset,
        highWatermark: end?.highWatermark ?? null,
        logStartOffset: end?.logStartOffset ?? null,
        ...partitionLag(committedOffset, end?.highWatermark ?? null),
        memberId: owner?.memberId ?? null,
        clientId: owner?.clientId ?? null,
        host: owner?.host ?? null,
      };
    })
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

export function groupsView(state: ClusterState): GroupsResponse {
  const snapshot = state.snapshot!;
  const offsets = offsetsIndex(snapshot);
  return {
    ...freshness(state),
    groups: snapshot.groups.map((group) => {
      const partitions = groupPartitions(group, offsets);
      return {
        groupId: group.groupId,
        state: group.state,
        protocol: group.protocol,
        memberCount: group.members.length,
        topics: [...new Set(partitions.map((p) => p.topic))].sort(),
        totalLag: totalLag(partitions.map((p) => p.lag)),
        partitionsWithoutOffset: partitions.filter((p) => p.committedOffset === null).length,
        error: group.error,
      };
    }),
  };
}

export function groupView(state: ClusterState, group: GroupState): GroupResponse {
  const partitions = groupPartitions(group, offsetsIndex(state.snapshot!));
  return {
    ...freshness(state),
    groupId: group.groupId,
    state: group.state,
    protocol: group.protocol,
    totalLag: totalLag(partitions.map((p) => p.lag)),
    members: group.members,
    partitions,
    error: group.error,
  };
}
