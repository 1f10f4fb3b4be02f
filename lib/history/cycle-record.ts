/**
 * What one collection cycle adds to the history: raw per-partition and per
 * group-partition samples, plus per-cycle aggregates that charts read without
 * touching every partition.
 */

export interface PartitionSample {
  topic: string;
  partition: number;
  highWatermark: number;
  logStartOffset: number;
  /** Leader replica size; null when the broker did not report it. */
  sizeBytes: number | null;
}

export interface CommitSample {
  groupId: string;
  topic: string;
  partition: number;
  committedOffset: number;
}

/**
 * A sum over a set of partitions at one time. Sums of offsets are counters: their
 * deltas are message rates, as long as the set of partitions (partitionCount) holds.
 */
export interface AggregateSample {
  partitionCount: number;
  endOffsetSum: number;
  startOffsetSum: number | null;
  committedSum: number | null;
  sizeBytes: number | null;
  lag: number | null;
  maxTimeLagSeconds: number | null;
}

export interface CycleRecord {
  /** Collection time, epoch ms. */
  t: number;
  partitions: PartitionSample[];
  commits: CommitSample[];
  topics: (AggregateSample & { topic: string })[];
  /** One row per group and topic it consumes: the group's total is their sum. */
  groupTopics: (AggregateSample & { groupId: string; topic: string })[];
  cluster: AggregateSample;
}
