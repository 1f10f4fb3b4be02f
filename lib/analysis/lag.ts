/**
 * Consumer lag in messages, measured against the high watermark (as
 * kafka-consumer-groups, Burrow and KMinion do).
 */

export interface PartitionLag {
  /** Null when the group has no committed offset on the partition (unknown, not zero). */
  lag: number | null;
  /** Committed beyond the end offset: the topic was recreated or truncated. */
  committedAheadOfEnd: boolean;
}

/**
 * `highWatermark − committedOffset`, never negative. Unknown (null) without a
 * committed offset or without an end offset (partition offline).
 */
export function partitionLag(committedOffset: number | null, highWatermark: number | null): PartitionLag {
  if (committedOffset === null || highWatermark === null) return { lag: null, committedAheadOfEnd: false };
  const lag = highWatermark - committedOffset;
  return { lag: Math.max(0, lag), committedAheadOfEnd: lag < 0 };
}

/** Sum of the known lags; null when none is known. */
export function totalLag(lags: (number | null)[]): number | null {
  const known = lags.filter((lag): lag is number => lag !== null);
  return known.length === 0 ? null : known.reduce((sum, lag) => sum + lag, 0);
}

/**
 * A lag split into the messages the group can still read and those retention deleted
 * before it read them: the lag counts from the committed offset, which lies before the
 * log start once messages were lost. `readable` is null when the lag is unknown; `lost`
 * is capped at the lag (a lag that is itself a lower bound cannot hold more).
 */
export function splitLag(lag: number | null, lostMessages: number): { readable: number | null; lost: number } {
  if (lag === null) return { readable: null, lost: lostMessages };
  const lost = Math.min(Math.max(0, lostMessages), lag);
  return { readable: lag - lost, lost };
}
