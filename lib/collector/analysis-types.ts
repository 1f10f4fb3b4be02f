/**
 * What the analysis of one cycle adds to its snapshot. Maps are keyed by
 * `partitionKey(topic, partition)` (lib/api/views/indexes.ts), groups by id.
 */
import type { CatchUp } from '../analysis/catch-up';
import type { AssignmentBalance } from '../analysis/assignment-balance';
import type { BrokerLoad, Skew } from '../analysis/distribution';
import type { GroupStatus, PartitionStatus } from '../analysis/lag-status';
import type { RetentionRisk } from '../analysis/retention-risk';

export type TimeLagSource = 'exact' | 'estimated';

export interface PartitionAnalysis {
  /** Messages/s from high watermark deltas; null on the first sample or after a reset. */
  produceRate: number | null;
  bytesInRate: number | null;
  /** Age of the record at the log start offset; null until it has been read. */
  oldestMessageAgeSeconds: number | null;
}

export interface GroupPartitionAnalysis {
  lag: number | null;
  timeLagSeconds: number | null;
  timeLagSource: TimeLagSource | null;
  /** The committed offset is older than what we can date: the real time lag is at least this. */
  timeLagLowerBound: boolean;
  status: PartitionStatus | null;
  consumeRate: number | null;
  retention: RetentionRisk;
}

export interface GroupAnalysis {
  /** Null when the group has no committed offset to evaluate. */
  status: GroupStatus | null;
  maxTimeLagSeconds: number | null;
  /** The true worst time lag may be larger: some partition's is only "at least". */
  maxTimeLagLowerBound: boolean;
  /** Partitions the group committed on whose end offsets were not read this cycle. */
  unreadPartitions: number;
  /** Messages/s into the partitions the group has committed on. */
  produceRate: number | null;
  consumeRate: number | null;
  catchUp: CatchUp | null;
  assignmentBalance: AssignmentBalance | null;
  minSecondsUntilLoss: number | null;
  lostMessages: number;
  partitions: Map<string, GroupPartitionAnalysis>;
}

export interface TopicAnalysis {
  produceRate: number | null;
  bytesInRate: number | null;
  oldestMessageAgeSeconds: number | null;
  /** Fractions of retention.ms (oldest message age) and retention.bytes (largest partition). */
  retentionUsage: { age: number | null; size: number | null };
  hotPartitions: number[];
}

export interface DistributionAnalysis {
  loads: BrokerLoad[];
  skew: Skew;
  preferredLeaderImbalance: { topic: string; partition: number; leader: number; preferred: number }[];
  sameRackReplicas: { topic: string; partition: number; rack: string; brokers: number[] }[];
  hygiene: {
    topic: string;
    problem: 'replication-factor-below-2' | 'min-insync-unsatisfiable';
    replicationFactor: number;
    minInSyncReplicas: number | null;
  }[];
}

export interface ClusterAnalysis {
  /** The snapshot's collection time this analysis belongs to. */
  at: number;
  partitions: Map<string, PartitionAnalysis>;
  topics: Map<string, TopicAnalysis>;
  groups: Map<string, GroupAnalysis>;
  distribution: DistributionAnalysis;
  produceRate: number | null;
  totalLag: number | null;
  /**
   * Partitions in the metadata whose offsets were not read this cycle (leader down,
   * ListOffsets failed): produceRate and totalLag leave them out, so both are "at least".
   */
  unreadPartitions: number;
  /** Running count of messages produced (see ClusterMemory.producedTotal). */
  producedTotal: number;
  /**
   * Exact time lag reads this cycle: partitions asked, answered, and the per-cycle budget; and
   * the topics that refused them (no Read): their time lag is estimated, their oldest message age unknown.
   */
  recordTimestamps: {
    requested: number;
    answered: number;
    budget: number;
    durationMs: number;
    refusedTopics: string[];
  };
}
