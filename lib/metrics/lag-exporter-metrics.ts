/**
 * Consumer group metrics under kafka-lag-exporter's names and labels, so Grafana
 * dashboards built for it keep working when they scrape Watermark instead. Under
 * `metrics.granularity: topic` the per-partition series (offset, lag, lag_seconds, and the
 * partitions' latest and earliest offsets) are left out; the per-group and per-topic ones stay.
 */
import { partitionLag } from '../analysis/lag';
import { offsetsIndex } from '../api/views/indexes';
import type { ClusterAnalysis } from '../collector/analysis-types';
import { partitionKey, partitionOwners } from '../collector/partition-key';
import type { ClusterState, GroupState } from '../collector/snapshot';
import type { MetricsGranularity } from '../config/schema';
import type { PartitionOffsets } from '../kafka/types';
import { labelSet, type LabelSet, type MetricFamily } from './prometheus-text';

type Families = Record<
  | 'offset'
  | 'lag'
  | 'lagSeconds'
  | 'maxLag'
  | 'maxLagSeconds'
  | 'sumLag'
  | 'topicSumLag'
  | 'latestOffset'
  | 'earliestOffset'
  | 'pollTime',
  MetricFamily
>;

const family = (name: string, help: string): MetricFamily => ({ name, help, type: 'gauge', samples: [] });

export function lagExporterFamilies(): Families {
  return {
    offset: family('kafka_consumergroup_group_offset', 'Committed offset of the group on the partition.'),
    lag: family('kafka_consumergroup_group_lag', 'High watermark minus committed offset, in messages.'),
    lagSeconds: family('kafka_consumergroup_group_lag_seconds', 'Time lag in seconds (exact or estimated).'),
    maxLag: family('kafka_consumergroup_group_max_lag', 'Largest partition lag of the group, in messages.'),
    maxLagSeconds: family('kafka_consumergroup_group_max_lag_seconds', 'Largest partition time lag of the group.'),
    sumLag: family('kafka_consumergroup_group_sum_lag', 'Sum of the partition lags of the group.'),
    topicSumLag: family('kafka_consumergroup_group_topic_sum_lag', 'Sum of the partition lags of the group per topic.'),
    latestOffset: family('kafka_partition_latest_offset', 'High watermark of the partition.'),
    earliestOffset: family('kafka_partition_earliest_offset', 'Log start offset of the partition.'),
    pollTime: family('kafka_consumergroup_poll_time_ms', 'Duration of the last collection cycle, in milliseconds.'),
  };
}

/** Adds one cluster's samples (from its last good snapshot) to the families. */
export function addLagExporterSamples(
  families: Families,
  state: ClusterState,
  granularity: MetricsGranularity = 'partition',
): void {
  const snapshot = state.snapshot;
  if (!snapshot) return;
  const cluster_name = state.id;
  const perPartition = granularity === 'partition';
  for (const o of perPartition ? snapshot.offsets : []) {
    const labels = labelSet({ cluster_name, topic: o.topic, partition: String(o.partition) });
    families.latestOffset.samples.push({ labels, value: o.highWatermark });
    families.earliestOffset.samples.push({ labels, value: o.logStartOffset });
  }
  families.pollTime.samples.push({ labels: { cluster_name }, value: snapshot.durationMs });
  const offsets = offsetsIndex(snapshot);
  for (const group of snapshot.groups) {
    addGroupSamples(families, cluster_name, group, offsets, state.analysis, perPartition);
  }
}

/**
 * One group's samples, from its committed offsets (a partition assigned but never committed
 * has no lag, so no sample): at 1,000 groups on 24,000 partitions this runs every cycle, so
 * it reads the snapshot and analysis directly rather than through the API's group views.
 */
function addGroupSamples(
  families: Families,
  cluster_name: string,
  group: GroupState,
  offsets: ReadonlyMap<string, PartitionOffsets>,
  analysis: ClusterAnalysis | null,
  perPartition: boolean,
): void {
  const analyzed = analysis?.groups.get(group.groupId)?.partitions;
  const owners = perPartition ? partitionOwners(group) : null;
  // Topics with a committed partition whose end offset was not read: their sums would read as a drop.
  const unreadTopics = new Set<string>();
  const topicSums = new Map<string, number>();
  let maxLag = -Infinity;
  let sumLag = 0;
  let maxTimeLag: number | null = null;
  let measured = 0;
  for (const o of group.offsets) {
    const key = partitionKey(o.topic, o.partition);
    const end = offsets.get(key);
    if (!end) {
      unreadTopics.add(o.topic);
      continue;
    }
    const { lag, committedAheadOfEnd } = partitionLag(o.offset, end.highWatermark);
    const timeLag = analyzed?.get(key)?.timeLagSeconds ?? null;
    const labels = owners && partitionLabels(cluster_name, group.groupId, o, owners.get(key));
    if (labels) families.offset.samples.push({ labels, value: o.offset });
    // Committed past the end (topic recreated or truncated) is not "lag 0, caught up": such a partition
    // has its offset but no lag sample, and counts in no max or sum;
    // watermark_consumergroup_partition_committed_ahead says how far ahead it is.
    if (committedAheadOfEnd || lag === null) continue;
    measured++;
    topicSums.set(o.topic, (topicSums.get(o.topic) ?? 0) + lag);
    maxLag = Math.max(maxLag, lag);
    sumLag += lag;
    if (timeLag !== null) maxTimeLag = Math.max(maxTimeLag ?? -Infinity, timeLag);
    if (!labels) continue;
    families.lag.samples.push({ labels, value: lag });
    if (timeLag !== null) families.lagSeconds.samples.push({ labels, value: timeLag });
  }
  if (measured === 0) return;
  const groupLabels = { cluster_name, group: group.groupId };
  const simple = { ...groupLabels, is_simple_consumer: String(group.protocolType === '') };
  if (maxTimeLag !== null) families.maxLagSeconds.samples.push({ labels: simple, value: maxTimeLag });
  if (unreadTopics.size === 0) {
    families.maxLag.samples.push({ labels: simple, value: maxLag });
    families.sumLag.samples.push({ labels: groupLabels, value: sumLag });
  }
  for (const [topic, sum] of topicSums) {
    if (!unreadTopics.has(topic)) families.topicSumLag.samples.push({ labels: { ...groupLabels, topic }, value: sum });
  }
}

type Member = GroupState['members'][number];

/** kafka-lag-exporter's labels of a group's partition, with its member's host, id and client id ('' when none). */
function partitionLabels(
  cluster_name: string,
  group: string,
  o: { topic: string; partition: number },
  owner: Member | undefined,
): LabelSet {
  return labelSet({
    cluster_name,
    group,
    topic: o.topic,
    partition: String(o.partition),
    member_host: owner?.host ?? '',
    consumer_id: owner?.memberId ?? '',
    client_id: owner?.clientId ?? '',
  });
}
