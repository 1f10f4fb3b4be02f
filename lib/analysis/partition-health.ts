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
 *   neither read nor written. KRaft keeps the last in-sync replica in the ISR of a
 *   leaderless partition, so a short ISR is not how to tell.
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
