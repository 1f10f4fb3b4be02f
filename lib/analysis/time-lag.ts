/**
 * Consumer time lag: how long ago the next record the group has to read was
 * produced.
 *
 * Exact: from the timestamp of the record at the committed offset. Estimated
 * (the kafka-lag-exporter method): each poll adds the partition's (high
 * watermark, time) to a lookup table, and the time at which the high watermark
 * passed the committed offset is interpolated from it (the table: offset-table.ts).
 */
import type { OffsetTable } from './offset-table';

export interface TimeLagEstimate {
  seconds: number;
  /** True when the true lag is at least `seconds` and may be more (see `estimateTimeLag`). */
  lowerBound: boolean;
}

/**
 * Estimated time lag, in seconds, of a group whose committed offset is
 * `committedOffset`, from the partition's table at `nowMs` (epoch ms).
 *
 * The record at C was produced when the high watermark went past C (reached
 * C + 1); with o_i ≤ C < o_{i+1}, that time is interpolated between the two
 * points. Never negative.
 *
 * - Lag (`highWatermark − committedOffset`) ≤ 0: `{ seconds: 0, lowerBound: false }`.
 * - Empty table: null.
 * - C older than the oldest point: the record predates the table, so the lag is
 *   at least the table's age: `{ seconds: (now − oldest.t) / 1000, lowerBound: true }`.
 * - C at or above the newest point while lag > 0 (the high watermark moved after
 *   the table's last update): the record was produced between newest.t and now,
 *   so all we know is that the lag is at least 0: `{ seconds: 0, lowerBound: true }`.
 *   Reporting now − newest.t would claim an age the record may not have.
 */
export function estimateTimeLag(
  table: OffsetTable | null,
  committedOffset: number,
  highWatermark: number,
  nowMs: number,
): TimeLagEstimate | null {
  if (highWatermark - committedOffset <= 0) return { seconds: 0, lowerBound: false };
  if (table === null || table.length === 0) return null;
  if (committedOffset < table.offsetAt(0)) return { seconds: secondsSince(table.timeAt(0), nowMs), lowerBound: true };
  const upper = table.firstAbove(committedOffset);
  if (upper === -1) return { seconds: 0, lowerBound: true };
  const producedMs = table.interpolate(upper - 1, committedOffset + 1);
  return { seconds: secondsSince(producedMs, nowMs), lowerBound: false };
}

/** Exact time lag in seconds from the record's timestamp; 0 for future-dated (CreateTime) records. */
export function exactTimeLag(recordTimestampMs: number, nowMs: number): number {
  return secondsSince(recordTimestampMs, nowMs);
}

function secondsSince(thenMs: number, nowMs: number): number {
  return Math.max(0, (nowMs - thenMs) / 1000);
}
