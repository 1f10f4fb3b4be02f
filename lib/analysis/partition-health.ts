/**
 * One word for a partition's replication state, as the topic page shows it.
 */

export type PartitionHealth = 'offline' | 'under-replicated' | 'in-sync';

export interface PartitionReplicas {
  /** Broker id of the leader; −1 (any negative) when the partition has none. */
  leader: number;
  replicas: number[];
  isr: number[];
}

/**
 * - `offline`: no leader (leader −1), whatever the ISR says: the partition can be
 *   neither read nor written. Kafka 4.4 reports an empty ISR for it (its last replica
 *   moves to the eligible leader replicas), older versions keep that replica in the
 *   ISR: a short ISR reads as under-replicated in one case and not at all in the other.
 * - `under-replicated`: a leader, and fewer in-sync replicas than replicas.
 * - `in-sync`: a leader and every replica in sync.
 */
export function partitionHealth(partition: PartitionReplicas): PartitionHealth {
  if (partition.leader < 0) return 'offline';
  return partition.isr.length < partition.replicas.length ? 'under-replicated' : 'in-sync';
}

/**
 * How many partitions are offline and how many under-replicated, each partition
 * counted once, by its worst state: an offline one is not also under-replicated.
 */
export function countPartitionHealth(partitions: PartitionReplicas[]): { offline: number; underReplicated: number } {
  let offline = 0;
  let underReplicated = 0;
  for (const partition of partitions) {
    const health = partitionHealth(partition);
    if (health === 'offline') offline++;
    else if (health === 'under-replicated') underReplicated++;
  }
  return { offline, underReplicated };
}
