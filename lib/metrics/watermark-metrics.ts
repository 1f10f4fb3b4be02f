/**
 * Watermark's own metrics, for what no lag exporter has: retention risk, lag
 * status, broker and partition health, and how fresh the data is.
 */
import { isOffline, isUnderReplicated, leaderSizeIndex } from '../api/views/indexes';
import { splitPartitionKey } from '../collector/partition-key';
import type { ClusterState } from '../collector/snapshot';
import type { MetricFamily } from './prometheus-text';

type Families = Record<
  | 'secondsUntilLoss'
  | 'lostMessages'
  | 'groupStatus'
  | 'clusterUp'
  | 'dataAge'
  | 'brokerUp'
  | 'underReplicated'
  | 'offline'
  | 'partitionBytes'
  | 'historyFailing',
  MetricFamily
>;

const gauge = (name: string, help: string): MetricFamily => ({ name, help, type: 'gauge', samples: [] });
const GROUP_STATUSES = ['OK', 'WARN', 'ERR'] as const;

export function watermarkFamilies(): Families {
  return {
    secondsUntilLoss: gauge(
      'watermark_consumergroup_seconds_until_loss',
      'Lower bound on seconds before retention may delete messages the group has not read (0 once lost).',
    ),
    lostMessages: gauge(
      'watermark_consumergroup_lost_messages',
      'Messages retention deleted before the group read them (log start minus committed offset).',
    ),
    groupStatus: gauge('watermark_consumergroup_status', 'Lag status of the group: 1 for its current status.'),
    clusterUp: gauge('watermark_cluster_up', '1 when the last collection cycle of the cluster succeeded.'),
    dataAge: gauge('watermark_cluster_data_age_seconds', 'Age of the data served for the cluster.'),
    brokerUp: gauge('watermark_broker_up', '1 when the broker is in the metadata and answers.'),
    underReplicated: gauge(
      'watermark_cluster_under_replicated_partitions',
      'Partitions with fewer in-sync replicas than replicas.',
    ),
    offline: gauge('watermark_cluster_offline_partitions', 'Partitions without a leader.'),
    partitionBytes: gauge('watermark_partition_size_bytes', 'Size of the partition on its leader.'),
    historyFailing: gauge(
      'watermark_history_write_failing',
      "1 while the cluster's history cannot be written (a full disk, a damaged file, history off); alerts still run.",
    ),
  };
}

export function addWatermarkSamples(families: Families, state: ClusterState, nowMs: number): void {
  const cluster_name = state.id;
  families.clusterUp.samples.push({ labels: { cluster_name }, value: state.error === null && state.snapshot ? 1 : 0 });
  families.historyFailing.samples.push({ labels: { cluster_name }, value: state.historyError ? 1 : 0 });
  const snapshot = state.snapshot;
  if (!snapshot) return;
  families.dataAge.samples.push({ labels: { cluster_name }, value: (nowMs - snapshot.collectedAt) / 1000 });
  for (const b of snapshot.brokers) {
    families.brokerUp.samples.push({ labels: { cluster_name, broker: String(b.id) }, value: b.reachable ? 1 : 0 });
  }
  const partitions = snapshot.topics.flatMap((t) => t.partitions);
  families.underReplicated.samples.push({
    labels: { cluster_name },
    value: partitions.filter(isUnderReplicated).length,
  });
  families.offline.samples.push({ labels: { cluster_name }, value: partitions.filter(isOffline).length });
  for (const [key, bytes] of leaderSizeIndex(snapshot)) {
    const { topic, partition } = splitPartitionKey(key);
    families.partitionBytes.samples.push({
      labels: { cluster_name, topic, partition: String(partition) },
      value: bytes,
    });
  }
  for (const [groupId, group] of state.analysis?.groups ?? []) {
    if (group.status) {
      for (const status of GROUP_STATUSES) {
        families.groupStatus.samples.push({
          labels: { cluster_name, group: groupId, status },
          value: group.status === status ? 1 : 0,
        });
      }
    }
    for (const [key, p] of group.partitions) {
      const { topic, partition } = splitPartitionKey(key);
      const labels = { cluster_name, group: groupId, topic, partition: String(partition) };
      families.lostMessages.samples.push({ labels, value: p.retention.lostMessages });
      if (p.retention.secondsUntilLoss !== null) {
        families.secondsUntilLoss.samples.push({ labels, value: p.retention.secondsUntilLoss });
      }
    }
  }
}
