/**
 * Topic settings that defeat replication: a single copy, or a
 * `min.insync.replicas` that acks=all producers can never satisfy. Internal topics
 * are included: __consumer_offsets with one replica loses every group's offsets
 * with its broker.
 */

import type { TopicMetadata } from '../kafka/types';

export type ReplicationProblem = 'replication-factor-below-2' | 'min-insync-unsatisfiable';

export interface ReplicationHygieneFinding {
  topic: string;
  problem: ReplicationProblem;
  /** The smallest replica count among the topic's partitions. */
  replicationFactor: number;
  /** Null when the config is missing or not a number. */
  minInSyncReplicas: number | null;
}

/**
 * Findings per topic, one per problem. `configs` is keyed by topic name (the
 * values as DescribeConfigs returns them); `brokerCount` is the number of brokers
 * in the cluster. `min.insync.replicas` is unsatisfiable when it exceeds the
 * replication factor or the broker count: acks=all writes then fail with
 * NOT_ENOUGH_REPLICAS. Topics without partitions in the metadata are skipped.
 */
export function replicationHygiene(
  topics: TopicMetadata[],
  configs: Record<string, Record<string, string | null>>,
  brokerCount: number,
): ReplicationHygieneFinding[] {
  return topics.flatMap((topic) => {
    if (topic.partitions.length === 0) return [];
    const replicationFactor = Math.min(...topic.partitions.map((partition) => partition.replicas.length));
    const minInSyncReplicas = parseCount(configs[topic.name]?.['min.insync.replicas']);
    const problems: ReplicationProblem[] = [];
    if (replicationFactor < 2) problems.push('replication-factor-below-2');
    if (minInSyncReplicas !== null && (minInSyncReplicas > replicationFactor || minInSyncReplicas > brokerCount)) {
      problems.push('min-insync-unsatisfiable');
    }
    return problems.map((problem) => ({ topic: topic.name, problem, replicationFactor, minInSyncReplicas }));
  });
}

function parseCount(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const count = Number(value);
  return Number.isInteger(count) ? count : null;
}
