/**
 * Lookups over one snapshot, built once per read.
 */
import { retentionLimits } from '../../analysis/retention-risk';
import type { ClusterSnapshot } from '../../collector/snapshot';
import type { PartitionMetadata } from '../../kafka/types';

export { partitionKey } from '../../collector/partition-key';
export { leaderSizeIndex, offsetsIndex } from '../../collector/snapshot-indexes';

/** Offline: no leader. Under-replicated: fewer in-sync replicas than replicas (offline ones included, as kafka-topics counts them). */
export const isOffline = (p: PartitionMetadata) => p.leader < 0;
export const isUnderReplicated = (p: PartitionMetadata) => p.isr.length < p.replicas.length;

export function configNumber(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Each topic's effective retention.ms (null: no time limit). */
export function retentionMsIndex(snapshot: ClusterSnapshot): Map<string, number | null> {
  return new Map(snapshot.topicConfigs.map((c) => [c.topic, retentionLimits(c.configs).retentionMs]));
}
