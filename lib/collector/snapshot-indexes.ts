/**
 * Lookups over one snapshot, built once per use.
 */
import type { PartitionOffsets } from '../kafka/types';
import { partitionKey } from './partition-key';
import type { ClusterSnapshot } from './snapshot';

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
