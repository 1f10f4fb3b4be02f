/**
 * Consumer group list and group detail, with lag against the high watermark.
 */
import { partitionLag, totalLag } from '../../analysis/lag';
import { lossInSight } from '../../analysis/retention-risk';
import type { ClusterAnalysis, GroupAnalysis, GroupPartitionAnalysis } from '../../collector/analysis-types';
import type { ClusterState, GroupState } from '../../collector/snapshot';
import type { PartitionOffsets } from '../../kafka/types';
import type { GroupPartitionView, GroupResponse, GroupsResponse } from '../schemas';
import { freshness } from './freshness';
import { offsetsIndex, partitionKey, retentionMsIndex } from './indexes';

/**
 * Every partition the group has committed on or is assigned, as kafka-consumer-groups
 * --describe lists them: assigned partitions without a commit show lag unknown.
 */
export function groupPartitions(
  group: GroupState,
  offsets: Map<string, PartitionOffsets>,
  analysis: ClusterAnalysis | null,
  retentionMs: Map<string, number | null>,
): GroupPartitionView[] {
  const analyzed = analysis?.groups.get(group.groupId)?.partitions;
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
        ...partitionAnalysisView(
          analyzed?.get(key),
          analysis?.partitions.get(key)?.produceRate ?? null,
          retentionMs.get(topic) ?? null,
        ),
      };
    })
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

const NO_RISK = { lostMessages: 0, secondsUntilLoss: null, limitedBy: null };

function partitionAnalysisView(
  analyzed: GroupPartitionAnalysis | undefined,
  produceRate: number | null,
  retentionMs: number | null,
) {
  return {
    timeLagSeconds: analyzed?.timeLagSeconds ?? null,
    timeLagSource: analyzed?.timeLagSource ?? null,
    timeLagLowerBound: analyzed?.timeLagLowerBound ?? false,
    status: analyzed?.status ?? null,
    consumeRate: analyzed?.consumeRate ?? null,
    produceRate,
    retention: { ...(analyzed?.retention ?? NO_RISK), retentionMs },
  };
}

/** A committed partition whose end offset was not read leaves the total lag "at least". */
const lowerBounds = (partitions: GroupPartitionView[], analyzed: GroupAnalysis | undefined) => ({
  totalLagLowerBound: partitions.some((p) => p.committedOffset !== null && p.highWatermark === null),
  maxTimeLagLowerBound: analyzed?.maxTimeLagLowerBound ?? false,
});

export function groupsView(state: ClusterState): GroupsResponse {
  const snapshot = state.snapshot!;
  const offsets = offsetsIndex(snapshot);
  const retentionMs = retentionMsIndex(snapshot);
  return {
    ...freshness(state),
    groups: snapshot.groups.map((group) => {
      const analyzed = state.analysis?.groups.get(group.groupId);
      const partitions = groupPartitions(group, offsets, state.analysis, retentionMs);
      return {
        groupId: group.groupId,
        state: group.state,
        protocol: group.protocol,
        memberCount: group.members.length,
        topics: [...new Set(partitions.map((p) => p.topic))].sort(),
        totalLag: totalLag(partitions.map((p) => p.lag)),
        ...lowerBounds(partitions, analyzed),
        partitionsWithoutOffset: partitions.filter((p) => p.committedOffset === null).length,
        status: analyzed?.status ?? null,
        maxTimeLagSeconds: analyzed?.maxTimeLagSeconds ?? null,
        secondsUntilLoss: analyzed?.minSecondsUntilLoss ?? null,
        lossInSight: partitions.some((p) => lossInSight(p.retention.secondsUntilLoss, p.retention.retentionMs)),
        lostMessages: analyzed?.lostMessages ?? 0,
        error: group.error,
      };
    }),
  };
}

export function groupView(state: ClusterState, group: GroupState): GroupResponse {
  const partitions = groupPartitions(
    group,
    offsetsIndex(state.snapshot!),
    state.analysis,
    retentionMsIndex(state.snapshot!),
  );
  const analyzed = state.analysis?.groups.get(group.groupId);
  return {
    ...freshness(state),
    groupId: group.groupId,
    state: group.state,
    protocol: group.protocol,
    totalLag: totalLag(partitions.map((p) => p.lag)),
    ...lowerBounds(partitions, analyzed),
    status: analyzed?.status ?? null,
    maxTimeLagSeconds: analyzed?.maxTimeLagSeconds ?? null,
    produceRate: analyzed?.produceRate ?? null,
    consumeRate: analyzed?.consumeRate ?? null,
    ...(analyzed?.catchUp ?? {}),
    lostMessages: analyzed?.lostMessages ?? 0,
    secondsUntilLoss: analyzed?.minSecondsUntilLoss ?? null,
    assignmentBalance: analyzed?.assignmentBalance ?? null,
    members: group.members,
    partitions,
    groupError: group.error,
  };
}
