/**
 * Consumer group list and group detail, with lag against the high watermark.
 */
import { partitionLag, totalLag } from '../../analysis/lag';
import { lossInSight } from '../../analysis/retention-risk';
import type { ClusterAnalysis, GroupAnalysis, GroupPartitionAnalysis } from '../../collector/analysis-types';
import type { ClusterState, GroupState } from '../../collector/snapshot';
import type { PartitionOffsets } from '../../kafka/types';
import type { GroupPartitionView, GroupResponse, GroupsResponse } from '../schemas';
import { notAuthorisedMessage, READ_PURPOSE } from '../../kafka/authorization';
import { freshness } from './freshness';
import { offsetsIndex, partitionKey, retentionMsIndex } from './indexes';
import { configsRefused, hiddenTopics, readError, readRefused } from './not-authorised';

/** Topics whose parts the user may not read: offsets (no Describe), time lag (no Read), retention (no DescribeConfigs). */
export interface TopicRefusals {
  hidden: Set<string>;
  read: Set<string>;
  configs: Set<string>;
}

const NO_REFUSALS: TopicRefusals = { hidden: new Set(), read: new Set(), configs: new Set() };

function topicRefusals(state: ClusterState): TopicRefusals {
  const snapshot = state.snapshot!;
  return {
    hidden: new Set(hiddenTopics(snapshot)?.topics),
    read: readRefused(state.analysis),
    configs: configsRefused(snapshot),
  };
}

/** Each refused part of a partition, said where its value would be. */
function partitionRefusals(
  topic: string,
  committed: boolean,
  analyzed: GroupPartitionAnalysis | undefined,
  refusals: TopicRefusals,
) {
  const one = [topic];
  const estimated = committed && analyzed?.timeLagSource !== 'exact';
  return {
    offsetsError: refusals.hidden.has(topic) ? notAuthorisedMessage('Describe', { type: 'topic', names: one }) : null,
    timeLagError: estimated && refusals.read.has(topic) ? readError(one, READ_PURPOSE.timeLag) : null,
    retentionError:
      committed && refusals.configs.has(topic)
        ? notAuthorisedMessage('DescribeConfigs', { type: 'topic', names: one })
        : null,
  };
}

/** The group's refused parts: one sentence per kind, naming its topics. */
function groupRefusals(partitions: GroupPartitionView[]) {
  const topicsWith = (error: (p: GroupPartitionView) => string | null) => [
    ...new Set(partitions.filter((p) => error(p) !== null).map((p) => p.topic)),
  ];
  const hidden = topicsWith((p) => p.offsetsError);
  const configs = topicsWith((p) => p.retentionError);
  const maxTimeLagError = readError(
    topicsWith((p) => p.timeLagError),
    READ_PURPOSE.timeLag,
  );
  return {
    maxTimeLagError,
    notAuthorised: [
      ...(hidden.length > 0 ? [notAuthorisedMessage('Describe', { type: 'topic', names: hidden })] : []),
      ...(maxTimeLagError ? [maxTimeLagError] : []),
      ...(configs.length > 0 ? [notAuthorisedMessage('DescribeConfigs', { type: 'topic', names: configs })] : []),
    ],
  };
}

/**
 * Every partition the group has committed on or is assigned, as kafka-consumer-groups
 * --describe lists them: assigned partitions without a commit show lag unknown.
 */
export function groupPartitions(
  group: GroupState,
  offsets: ReadonlyMap<string, PartitionOffsets>,
  analysis: ClusterAnalysis | null,
  retentionMs: Map<string, number | null>,
  refusals: TopicRefusals = NO_REFUSALS,
): GroupPartitionView[] {
  // Called for every group on every list and scrape (24,000 partitions at 1,000 groups): one
  // map from key to partition, one object per partition, no spreads.
  const analyzed = analysis?.groups.get(group.groupId)?.partitions;
  const byKey = new Map<string, Pending>();
  for (const o of group.offsets) {
    byKey.set(partitionKey(o.topic, o.partition), { topic: o.topic, partition: o.partition, committed: o.offset });
  }
  for (const member of group.members) {
    for (const a of member.assignment) {
      for (const p of a.partitions) {
        const key = partitionKey(a.topic, p);
        const pending = byKey.get(key);
        if (pending) pending.owner = member;
        else byKey.set(key, { topic: a.topic, partition: p, committed: null, owner: member });
      }
    }
  }
  const views: GroupPartitionView[] = [];
  for (const [key, { topic, partition, committed, owner }] of byKey) {
    const end = offsets.get(key);
    const highWatermark = end?.highWatermark ?? null;
    const { lag, committedAheadOfEnd } = partitionLag(committed, highWatermark);
    const analyzedPartition = analyzed?.get(key);
    const refused = partitionRefusals(topic, committed !== null, analyzedPartition, refusals);
    views.push({
      topic,
      partition,
      committedOffset: committed,
      highWatermark,
      logStartOffset: end?.logStartOffset ?? null,
      lag,
      committedAheadOfEnd,
      memberId: owner?.memberId ?? null,
      clientId: owner?.clientId ?? null,
      host: owner?.host ?? null,
      timeLagSeconds: analyzedPartition?.timeLagSeconds ?? null,
      timeLagSource: analyzedPartition?.timeLagSource ?? null,
      timeLagLowerBound: analyzedPartition?.timeLagLowerBound ?? false,
      status: analyzedPartition?.status ?? null,
      consumeRate: analyzedPartition?.consumeRate ?? null,
      produceRate: analysis?.partitions.get(key)?.produceRate ?? null,
      retention: { ...(analyzedPartition?.retention ?? NO_RISK), retentionMs: retentionMs.get(topic) ?? null },
      offsetsError: refused.offsetsError,
      timeLagError: refused.timeLagError,
      retentionError: refused.retentionError,
    });
  }
  return views.sort(byTopicThenPartition);
}

/** A partition of the group before it is viewed: its committed offset and the member it is assigned to. */
interface Pending {
  topic: string;
  partition: number;
  committed: number | null;
  owner?: GroupState['members'][number];
}

const topicOrder = new Intl.Collator().compare;

/** Topics in the order of String.localeCompare (one collator, not one per comparison), then partitions. */
const byTopicThenPartition = (a: GroupPartitionView, b: GroupPartitionView) =>
  (a.topic === b.topic ? 0 : topicOrder(a.topic, b.topic)) || a.partition - b.partition;

const NO_RISK = { lostMessages: 0, secondsUntilLoss: null, limitedBy: null };

/** A committed partition whose end offset was not read leaves the total lag "at least". */
const lowerBounds = (partitions: GroupPartitionView[], analyzed: GroupAnalysis | undefined) => ({
  totalLagLowerBound: partitions.some((p) => p.committedOffset !== null && p.highWatermark === null),
  maxTimeLagLowerBound: analyzed?.maxTimeLagLowerBound ?? false,
});

export function groupsView(state: ClusterState): GroupsResponse {
  return { ...freshness(state), ...groupsOfCycle(state) };
}

/** The groups list without its freshness: the part that changes only with the cycle (see AnswerCache). */
export function groupsOfCycle(state: ClusterState): Omit<GroupsResponse, keyof ReturnType<typeof freshness>> {
  const snapshot = state.snapshot!;
  const offsets = offsetsIndex(snapshot);
  const retentionMs = retentionMsIndex(snapshot);
  const refusals = topicRefusals(state);
  return {
    groups: snapshot.groups.map((group) => {
      const analyzed = state.analysis?.groups.get(group.groupId);
      const partitions = groupPartitions(group, offsets, state.analysis, retentionMs, refusals);
      return {
        groupId: group.groupId,
        state: group.state,
        protocol: group.protocol,
        memberCount: group.members.length,
        topics: [...new Set(partitions.map((p) => p.topic))].sort(),
        totalLag: totalLag(partitions.map((p) => p.lag)),
        ...lowerBounds(partitions, analyzed),
        // Partitions on topics the user may not describe have offsets Kafka did not show.
        partitionsWithoutOffset: partitions.filter((p) => p.committedOffset === null && !p.offsetsError).length,
        status: analyzed?.status ?? null,
        maxTimeLagSeconds: analyzed?.maxTimeLagSeconds ?? null,
        ...groupRefusals(partitions),
        secondsUntilLoss: analyzed?.minSecondsUntilLoss ?? null,
        lossInSight: partitions.some((p) => lossInSight(p.retention.secondsUntilLoss, p.retention.retentionMs)),
        lostMessages: analyzed?.lostMessages ?? 0,
        error: group.error,
      };
    }),
    hiddenTopics: hiddenTopics(snapshot),
  };
}

export function groupView(state: ClusterState, group: GroupState): GroupResponse {
  const partitions = groupPartitions(
    group,
    offsetsIndex(state.snapshot!),
    state.analysis,
    retentionMsIndex(state.snapshot!),
    topicRefusals(state),
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
    ...groupRefusals(partitions),
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
