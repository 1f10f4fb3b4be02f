/**
 * How partitions, leaders and bytes spread over the brokers, and where the
 * placement departs from what Kafka intends (preferred leaders, rack spread).
 */

import type { BrokerNode, PartitionReplicaSize, TopicMetadata } from '../kafka/types';

export interface BrokerLoad {
  broker: number;
  /** Partitions this broker leads (offline partitions, leader −1, count for nobody). */
  leaders: number;
  /** Replicas assigned to this broker, leaders included. */
  replicas: number;
  /**
   * Bytes of all replicas (leaders and followers) on this broker's log dirs; null when the
   * broker reported none (down, or DescribeLogDirs failed): unknown, not 0.
   */
  sizeBytes: number | null;
  /** Partitions whose preferred leader (replicas[0]) is this broker. */
  preferredLeaders: number;
}

/** Max over mean of each measure across brokers; null when the mean is 0 or there are no brokers. */
export interface Skew {
  leaders: number | null;
  replicas: number | null;
  sizeBytes: number | null;
}

/**
 * Load per broker, in the order of `brokers`. Only brokers in the list are
 * counted: pass every known broker (down ones included) to see their share.
 * `sizeReported`: the brokers that described their log dirs; the others' bytes are
 * unknown (all are known when it is left out).
 */
export function brokerLoads(
  brokers: { id: number }[],
  topics: TopicMetadata[],
  replicaSizes: PartitionReplicaSize[],
  sizeReported?: Set<number>,
): BrokerLoad[] {
  const loads = new Map<number, BrokerLoad>(
    brokers.map(({ id }) => [
      id,
      {
        broker: id,
        leaders: 0,
        replicas: 0,
        sizeBytes: sizeReported === undefined || sizeReported.has(id) ? 0 : null,
        preferredLeaders: 0,
      },
    ]),
  );
  for (const partition of topics.flatMap((topic) => topic.partitions)) {
    const leader = loads.get(partition.leader);
    if (leader) leader.leaders += 1;
    const preferred = loads.get(partition.replicas[0]);
    if (preferred) preferred.preferredLeaders += 1;
    for (const replica of partition.replicas) {
      const load = loads.get(replica);
      if (load) load.replicas += 1;
    }
  }
  for (const size of replicaSizes) {
    const load = loads.get(size.broker);
    if (load && load.sizeBytes !== null) load.sizeBytes += size.sizeBytes;
  }
  return [...loads.values()];
}

/** Max over mean of `values` (1 is perfectly even); null for no values or a mean of 0. */
export function skew(values: number[]): number | null {
  if (values.length === 0) return null;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return mean === 0 ? null : Math.max(...values) / mean;
}

/** Skew of leaders, replicas and bytes across the brokers. */
export function distributionSkew(loads: BrokerLoad[]): Skew {
  return {
    leaders: skew(loads.map((load) => load.leaders)),
    replicas: skew(loads.map((load) => load.replicas)),
    // Over the brokers whose bytes are known: a down broker's unknown bytes are not 0.
    sizeBytes: skew(loads.flatMap((load) => (load.sizeBytes === null ? [] : [load.sizeBytes]))),
  };
}

/** Partitions led by a broker other than their preferred leader (replicas[0]); offline partitions are left out. */
export function preferredLeaderImbalance(
  topics: TopicMetadata[],
): { topic: string; partition: number; leader: number; preferred: number }[] {
  return topics.flatMap((topic) =>
    topic.partitions
      .filter((p) => p.leader >= 0 && p.replicas.length > 0 && p.leader !== p.replicas[0])
      .map((p) => ({ topic: topic.name, partition: p.partition, leader: p.leader, preferred: p.replicas[0] })),
  );
}

export interface SameRackReplicas {
  topic: string;
  partition: number;
  rack: string;
  /** Replicas of the partition on brokers of this rack, in replica order. */
  brokers: number[];
  /** True when the cluster has enough racks to have placed every rack-aware replica on its own rack. */
  avoidable: boolean;
}

/**
 * Racks holding two or more replicas of the same partition: losing that rack
 * loses several copies at once. Only brokers with a rack count; replicas on
 * brokers without one (or unknown brokers) are ignored.
 */
export function sameRackReplicas(topics: TopicMetadata[], brokers: BrokerNode[]): SameRackReplicas[] {
  const rackOf = new Map(brokers.flatMap((b) => (b.rack === null ? [] : [[b.id, b.rack] as const])));
  const rackCount = new Set(rackOf.values()).size;
  const found: SameRackReplicas[] = [];
  for (const topic of topics) {
    for (const partition of topic.partitions) {
      const byRack = new Map<string, number[]>();
      for (const replica of partition.replicas) {
        const rack = rackOf.get(replica);
        if (rack !== undefined) byRack.set(rack, [...(byRack.get(rack) ?? []), replica]);
      }
      const racked = [...byRack.values()].reduce((sum, ids) => sum + ids.length, 0);
      for (const [rack, ids] of byRack) {
        if (ids.length < 2) continue;
        found.push({
          topic: topic.name,
          partition: partition.partition,
          rack,
          brokers: ids,
          avoidable: racked <= rackCount,
        });
      }
    }
  }
  return found;
}
