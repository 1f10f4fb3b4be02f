/**
 * Watermark's own metrics, for what no lag exporter has: retention risk, lag
 * status, broker and partition health, and how fresh the data is.
 */
import { isOffline, isUnderReplicated, leaderSizeIndex, offsetsIndex, partitionKey } from '../api/views/indexes';
import { splitPartitionKey } from '../collector/partition-key';
import type { MetricsGranularity } from '../config/schema';
import type { ClusterState } from '../collector/snapshot';
import { labelSet, type MetricFamily } from './prometheus-text';

export type WatermarkFamilies = Record<
  | 'secondsUntilLoss'
  | 'lostMessages'
  | 'groupStatus'
  | 'committedAhead'
  | 'clusterUp'
  | 'dataAge'
  | 'brokerUp'
  | 'underReplicated'
  | 'offline'
  | 'partitionBytes'
  | 'historyFailing'
  | 'maxLagSecondsLowerBound'
  | 'unreadPartitions',
  MetricFamily
>;

const gauge = (name: string, help: string): MetricFamily => ({ name, help, type: 'gauge', samples: [] });
const GROUP_STATUSES = ['OK', 'WARN', 'AHEAD', 'ERR'] as const;

export function watermarkFamilies(): WatermarkFamilies {
  return {
    secondsUntilLoss: gauge(
      'watermark_consumergroup_seconds_until_loss',
      'Lower bound on seconds before retention may delete messages the group has not read (0 once lost). Per partition; under metrics.granularity topic, the soonest of the topic.',
    ),
    lostMessages: gauge(
      'watermark_consumergroup_lost_messages',
      'Messages retention deleted before the group read them (log start minus committed offset). Per partition; under metrics.granularity topic, summed over the topic.',
    ),
    groupStatus: gauge('watermark_consumergroup_status', 'Lag status of the group: 1 for its current status.'),
    committedAhead: gauge(
      'watermark_consumergroup_partition_committed_ahead',
      'Offsets by which the committed offset is past the high watermark (topic recreated or truncated); such partitions have no lag sample. Only partitions that are ahead.',
    ),
    clusterUp: gauge('watermark_cluster_up', '1 when the last collection cycle of the cluster succeeded.'),
    dataAge: gauge('watermark_cluster_data_age_seconds', 'Age of the data served for the cluster.'),
    brokerUp: gauge('watermark_broker_up', '1 when the broker is in the metadata and answers.'),
    underReplicated: gauge(
      'watermark_cluster_under_replicated_partitions',
      'Partitions with fewer in-sync replicas than replicas.',
    ),
    offline: gauge('watermark_cluster_offline_partitions', 'Partitions without a leader.'),
    partitionBytes: gauge('watermark_partition_size_bytes', 'Size of the partition on its leader.'),
    maxLagSecondsLowerBound: gauge(
      'watermark_consumergroup_max_lag_seconds_lower_bound',
      "1 when kafka_consumergroup_group_max_lag_seconds is only a lower bound: a partition's committed message was deleted by retention (or predates the offset history) and nothing dates it; the group is at least that far behind.",
    ),
    unreadPartitions: gauge(
      'watermark_cluster_unread_partitions',
      'Partitions whose offsets were not read in the last cycle (leader down, ListOffsets failed). Groups committed on them get no kafka_consumergroup_group_sum_lag, max_lag or topic_sum_lag sample: a sum over fewer partitions would read as a drop.',
    ),
    historyFailing: gauge(
      'watermark_history_write_failing',
      "1 while the cluster's history cannot be written (a full disk, a damaged file, history off); alerts still run.",
    ),
  };
}

/**
 * Families whose samples may change between two scrapes of one cycle (the clock, a failed
 * attempt, a history write): made per scrape. The others come from the cycle's snapshot
 * and analysis alone, and are made once per cycle (see read-metrics.ts).
 */
export const LIVE_WATERMARK_FAMILIES: ReadonlySet<keyof WatermarkFamilies> = new Set([
  'clusterUp',
  'dataAge',
  'historyFailing',
]);

export function addWatermarkSamples(families: WatermarkFamilies, state: ClusterState, nowMs: number): void {
  addWatermarkLiveSamples(families, state, nowMs);
  addWatermarkCycleSamples(families, state);
}

/** The LIVE_WATERMARK_FAMILIES' samples. */
export function addWatermarkLiveSamples(families: WatermarkFamilies, state: ClusterState, nowMs: number): void {
  const cluster_name = state.id;
  families.clusterUp.samples.push({ labels: { cluster_name }, value: state.error === null && state.snapshot ? 1 : 0 });
  families.historyFailing.samples.push({ labels: { cluster_name }, value: state.historyError ? 1 : 0 });
  if (state.snapshot) {
    families.dataAge.samples.push({ labels: { cluster_name }, value: (nowMs - state.snapshot.collectedAt) / 1000 });
  }
}

/** The samples of every other family: from the snapshot and the analysis only. */
export function addWatermarkCycleSamples(
  families: WatermarkFamilies,
  state: ClusterState,
  granularity: MetricsGranularity = 'partition',
): void {
  const cluster_name = state.id;
  const perPartition = granularity === 'partition';
  const snapshot = state.snapshot;
  if (!snapshot) return;
  if (state.analysis) {
    families.unreadPartitions.samples.push({ labels: { cluster_name }, value: state.analysis.unreadPartitions });
  }
  for (const b of snapshot.brokers) {
    families.brokerUp.samples.push({ labels: { cluster_name, broker: String(b.id) }, value: b.reachable ? 1 : 0 });
  }
  const partitions = snapshot.topics.flatMap((t) => t.partitions);
  families.underReplicated.samples.push({
    labels: { cluster_name },
    value: partitions.filter(isUnderReplicated).length,
  });
  families.offline.samples.push({ labels: { cluster_name }, value: partitions.filter(isOffline).length });
  for (const [key, bytes] of perPartition ? leaderSizeIndex(snapshot) : []) {
    const { topic, partition } = splitPartitionKey(key);
    families.partitionBytes.samples.push({
      labels: labelSet({ cluster_name, topic, partition: String(partition) }),
      value: bytes,
    });
  }
  addCommittedAhead(families, state);
  for (const [groupId, group] of state.analysis?.groups ?? []) {
    if (group.status) {
      for (const status of GROUP_STATUSES) {
        families.groupStatus.samples.push({
          labels: { cluster_name, group: groupId, status },
          value: group.status === status ? 1 : 0,
        });
      }
    }
    if (group.maxTimeLagSeconds !== null) {
      families.maxLagSecondsLowerBound.samples.push({
        labels: { cluster_name, group: groupId },
        value: group.maxTimeLagLowerBound ? 1 : 0,
      });
    }
    if (perPartition) {
      for (const [key, p] of group.partitions) {
        const { topic, partition } = splitPartitionKey(key);
        const labels = labelSet({ cluster_name, group: groupId, topic, partition: String(partition) });
        families.lostMessages.samples.push({ labels, value: p.retention.lostMessages });
        if (p.retention.secondsUntilLoss !== null) {
          families.secondsUntilLoss.samples.push({ labels, value: p.retention.secondsUntilLoss });
        }
      }
    } else addRetentionByTopic(families, cluster_name, groupId, group.partitions.entries());
  }
}

/** Lost messages (their sum) and time until loss (the soonest) per group and topic. */
function addRetentionByTopic(
  families: WatermarkFamilies,
  cluster_name: string,
  group: string,
  partitions: Iterable<[string, { retention: { lostMessages: number; secondsUntilLoss: number | null } }]>,
): void {
  const byTopic = new Map<string, { lost: number; until: number | null }>();
  for (const [key, p] of partitions) {
    const { topic } = splitPartitionKey(key);
    const entry = byTopic.get(topic) ?? { lost: 0, until: null };
    byTopic.set(topic, entry);
    entry.lost += p.retention.lostMessages;
    const until = p.retention.secondsUntilLoss;
    if (until !== null) entry.until = entry.until === null ? until : Math.min(entry.until, until);
  }
  for (const [topic, { lost, until }] of byTopic) {
    const labels = { cluster_name, group, topic };
    families.lostMessages.samples.push({ labels, value: lost });
    if (until !== null) families.secondsUntilLoss.samples.push({ labels, value: until });
  }
}

/** Per group partition committed past its high watermark: by how many offsets. */
function addCommittedAhead(families: WatermarkFamilies, state: ClusterState): void {
  const ends = offsetsIndex(state.snapshot!);
  for (const group of state.snapshot!.groups) {
    for (const o of group.offsets) {
      const end = ends.get(partitionKey(o.topic, o.partition));
      if (end === undefined || o.offset <= end.highWatermark) continue;
      families.committedAhead.samples.push({
        labels: { cluster_name: state.id, group: group.groupId, topic: o.topic, partition: String(o.partition) },
        value: o.offset - end.highWatermark,
      });
    }
  }
}
