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
  /** Replicas on all brokers: partitions × replication factor. */
  totalReplicas: number;
}

export type PlacementMetric = 'replicas' | 'bytes';

const sum = (values: Record<number, number>) => Object.values(values).reduce((total, n) => total + n, 0);

/**
 * The `limit` topics first by `metric` (then by the other metric, then by name): the
 * heat map shows these, sorted by what it shows.
 */
export function topPlacements<T extends Omit<TopicPlacement, 'replicas' | 'sizeBytes'>>(
  rows: T[],
  metric: PlacementMetric,
  limit: number,
): T[] {
  const key = (row: T) =>
    metric === 'bytes' ? [row.totalBytes, row.totalReplicas] : [row.totalReplicas, row.totalBytes];
  return [...rows]
    .sort((a, b) => {
      const [a1, a2] = key(a);
      const [b1, b2] = key(b);
      return b1 - a1 || b2 - a2 || a.topic.localeCompare(b.topic);
    })
    .slice(0, limit);
}

/**
 * Replica counts and bytes per broker for the `limit` largest topics by bytes on all
 * brokers and the `limit` topics with the most replicas (up to 2 × limit rows: the largest
 * by bytes first, then the others by replicas), for either view of the heat map. Internal topics are included: a skewed
 * __consumer_offsets matters too.
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
    return { topic: topic.name, replicas, sizeBytes, totalBytes: sum(sizeBytes), totalReplicas: sum(replicas) };
  });
  const byBytes = topPlacements(rows, 'bytes', limit);
  const shown = new Set(byBytes.map((row) => row.topic));
  return [...byBytes, ...topPlacements(rows, 'replicas', limit).filter((row) => !shown.has(row.topic))];
}
