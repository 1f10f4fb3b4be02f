/**
 * Consumer group metrics under kafka-lag-exporter's names and labels, so Grafana
 * dashboards built for it keep working when they scrape Watermark instead. Under
 * `metrics.granularity: topic` the per-partition series (offset, lag, lag_seconds, and the
 * partitions' latest and earliest offsets) are left out; the per-group and per-topic ones stay.
 */
import { groupPartitions } from '../api/views/group-views';
import { offsetsIndex, retentionMsIndex } from '../api/views/indexes';
import type { ClusterState } from '../collector/snapshot';
import type { MetricsGranularity } from '../config/schema';
import { labelSet, type MetricFamily } from './prometheus-text';

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
  const retention = retentionMsIndex(snapshot);
  for (const group of snapshot.groups) {
    const all = groupPartitions(group, offsets, state.analysis, retention);
    const partitions = all.filter((p) => p.lag !== null);
    if (partitions.length === 0) continue;
    // Topics with a committed partition whose end offset was not read: their sums would read as a drop.
    const unreadTopics = new Set(
      all.filter((p) => p.committedOffset !== null && p.highWatermark === null).map((p) => p.topic),
    );
    const groupLabels = { cluster_name, group: group.groupId };
    const topicSums = new Map<string, number>();
    // Committed past the end (topic recreated or truncated) is not "lag 0, caught up": such a partition
    // has its offset but no lag sample, and counts in no max or sum;
    // watermark_consumergroup_partition_committed_ahead says how far ahead it is.
    const measured = partitions.filter((p) => !p.committedAheadOfEnd);
    for (const p of partitions) {
      if (!p.committedAheadOfEnd) topicSums.set(p.topic, (topicSums.get(p.topic) ?? 0) + p.lag!);
      if (!perPartition) continue;
      const labels = labelSet({
        cluster_name,
        group: group.groupId,
        topic: p.topic,
        partition: String(p.partition),
        member_host: p.host ?? '',
        consumer_id: p.memberId ?? '',
        client_id: p.clientId ?? '',
      });
      families.offset.samples.push({ labels, value: p.committedOffset! });
      if (p.committedAheadOfEnd) continue;
      families.lag.samples.push({ labels, value: p.lag! });
      if (p.timeLagSeconds !== null) families.lagSeconds.samples.push({ labels, value: p.timeLagSeconds });
    }
    if (measured.length === 0) continue;
    const lags = measured.map((p) => p.lag!);
    const timeLags = measured.flatMap((p) => (p.timeLagSeconds === null ? [] : [p.timeLagSeconds]));
    const simple = { ...groupLabels, is_simple_consumer: String(group.protocolType === '') };
    if (timeLags.length) families.maxLagSeconds.samples.push({ labels: simple, value: Math.max(...timeLags) });
    if (unreadTopics.size === 0) {
      families.maxLag.samples.push({ labels: simple, value: Math.max(...lags) });
      families.sumLag.samples.push({ labels: groupLabels, value: lags.reduce((a, b) => a + b, 0) });
    }
    for (const [topic, sum] of topicSums) {
      if (!unreadTopics.has(topic))
        families.topicSumLag.samples.push({ labels: { ...groupLabels, topic }, value: sum });
    }
  }
}
