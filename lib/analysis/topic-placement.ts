/**
 * Where each topic's replicas and bytes sit, per broker: the rows of the brokers
 * page's heat map. Limited to the largest topics so 5,000 topics stay readable.
 */
import type { PartitionReplicaSize, TopicMetadata } from '../kafka/types';

export interface TopicPlacement {
  topic: string;
  /** Replicas of the topic's partitions per broker id. */
  replicas: Record<number, number>;
  /** Bytes of those replicas per broker id (as DescribeLogDirs reports them). */
  sizeBytes: Record<number, number>;
  totalBytes: number;
}

/**
 * Replica counts and bytes per broker for the `limit` largest topics (by bytes on
 * all brokers, then by replica count, then by name). Internal topics are included:
 * a skewed __consumer_offsets matters too.
 */
export function topicPlacement(
  topics: TopicMetadata[],
  replicaSizes: PartitionReplicaSize[],
  limit = 30,
): TopicPlacement[] {
  const bytes = new Map<string, Record<number, number>>();
  for (const r of replicaSizes) {
    const perBroker = bytes.get(r.topic) ?? {};
    perBroker[r.broker] = (perBroker[r.broker] ?? 0) + r.sizeBytes;
    bytes.set(r.topic, perBroker);
  }
  const rows = topics.map((topic) => {
    const replicas: Record<number, number> = {};
    for (const p of topic.partitions) for (const b of p.replicas) replicas[b] = (replicas[b] ?? 0) + 1;
    const sizeBytes = bytes.get(topic.name) ?? {};
    const totalBytes = Object.values(sizeBytes).reduce((sum, n) => sum + n, 0);
    return { topic: topic.name, replicas, sizeBytes, totalBytes };
  });
  const replicaTotal = (row: TopicPlacement) => Object.values(row.replicas).reduce((sum, n) => sum + n, 0);
  return rows
    .sort((a, b) => b.totalBytes - a.totalBytes || replicaTotal(b) - replicaTotal(a) || a.topic.localeCompare(b.topic))
    .slice(0, limit);
}
