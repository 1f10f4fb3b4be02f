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
  /** A live member of the group is assigned the partition (lag status tells a stopped consumer by it). */
  owned: boolean;
}

/** Bits of `AggregateSample.flags`. */
export const AGGREGATE_FLAGS = {
  /**
   * Some of the series' partitions were not read this cycle (ListOffsets or OffsetFetch
   * failed, a partition offline): its sums are over fewer partitions than the series has,
   * so they are no total, and no rate may be taken across it. Charts show a gap.
   */
  partial: 1,
  /** The max time lag is a lower bound: a committed offset older than anything we can date. */
  timeLagLowerBound: 2,
  /**
   * Lag and time lag were summed over fewer group partitions than the series has (a
   * committed partition's end offset not read, a group's offsets not read): a gap. Apart
   * from `partial` because the cluster's lag can be whole while an unconsumed partition
   * makes its produced total partial, and the other way round.
   */
  lagUnknown: 4,
} as const;

/** Samples with either bit are incomplete: charts prefer a complete sample of the same bucket. */
export const INCOMPLETE = AGGREGATE_FLAGS.partial | AGGREGATE_FLAGS.lagUnknown;

/**
 * A sum over a set of partitions at one time. Sums of offsets are counters: their
 * deltas are message rates, as long as the set of partitions (partitionCount) holds.
 * A partial sample (see AGGREGATE_FLAGS) writes null lag and size.
 */
export interface AggregateSample {
  partitionCount: number;
  endOffsetSum: number;
  startOffsetSum: number | null;
  committedSum: number | null;
  sizeBytes: number | null;
  lag: number | null;
  maxTimeLagSeconds: number | null;
  /** AGGREGATE_FLAGS bits; 0 for a complete, exact sample. */
  flags: number;
}

/** A sum over no partitions yet: the start of every aggregate a cycle adds up. */
export const emptyAggregate = (): AggregateSample => ({
  partitionCount: 0,
  endOffsetSum: 0,
  startOffsetSum: null,
  committedSum: null,
  sizeBytes: null,
  lag: null,
  maxTimeLagSeconds: null,
  flags: 0,
});

export const isPartial = (sample: Pick<AggregateSample, 'flags'>) => (sample.flags & AGGREGATE_FLAGS.partial) !== 0;
export const isIncomplete = (sample: Pick<AggregateSample, 'flags'>) => (sample.flags & INCOMPLETE) !== 0;
export const isLagUnknown = (sample: Pick<AggregateSample, 'flags'>) =>
  (sample.flags & AGGREGATE_FLAGS.lagUnknown) !== 0;

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

/** A cycle's sums without its raw samples: what the collector thread sends (the raw samples are made from the snapshot). */
export type HistoryAggregates = Omit<CycleRecord, 'partitions' | 'commits'>;
