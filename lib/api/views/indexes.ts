/**
 * Lookups over one snapshot, built once per read.
 */
import type { ClusterSnapshot } from '../../collector/snapshot';
import type { PartitionMetadata, PartitionOffsets } from '../../kafka/types';

export const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export function offsetsIndex(snapshot: ClusterSnapshot): Map<string, PartitionOffsets> {
  return new Map(snapshot.offsets.map((o) => [partitionKey(o.topic, o.partition), o]));
}

/** Size of each partition's leader replica (the partition's size as consumers see it). */
export function leaderSizeIndex(snapshot: ClusterSnapshot): Map<string, number> {
  const leaders = new Map<string, number>();
  for (const topic of snapshot.topics)
    for (const p of topic.partitions) leaders.set(partitionKey(topic.name, p.partition), p.leader);
  const sizes = new Map<string, number>();
  for (const replica of snapshot.replicaSizes) {
    const key = partitionKey(replica.topic, replica.partition);
    if (leaders.get(key) === replica.broker) sizes.set(key, replica.sizeBytes);
  }
  return sizes;
}

/** Offline: no leader. Under-replicated: fewer in-sync replicas than replicas (offline ones included, as kafka-topics counts them). */
export const isOffline = (p: PartitionMetadata) => p.leader < 0;
export const isUnderReplicated = (p: PartitionMetadata) => p.isr.length < p.replicas.length;

export function configNumber(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
