/**
 * Consumer time lag: how long ago the next record the group has to read was
 * produced.
 *
 * Exact: from the timestamp of the record at the committed offset. Estimated
 * (the kafka-lag-exporter method): each poll adds the partition's (high
 * watermark, time) to a lookup table, and the time at which the high watermark
 * passed the committed offset is interpolated from it.
 */

export interface OffsetTimePoint {
  offset: number;
  /** Epoch milliseconds: the first poll that saw the high watermark at `offset`. */
  t: number;
}

export interface TimeLagEstimate {
  seconds: number;
  /** True when the true lag is at least `seconds` and may be more (see `estimateTimeLag`). */
  lowerBound: boolean;
}

/**
 * Adds a (high watermark, time) observation to a partition's table and returns a
 * new table (the input is not changed). Offsets in the table strictly increase.
 *
 * - Same offset as the newest point: the table is kept as is, so a flat run (an
 *   idle producer) keeps the first time the high watermark reached that offset.
 * - Lower offset: the topic was recreated or truncated; the table restarts with
 *   this point alone.
 * - Higher offset but not a later time (a clock step back): ignored.
 * - Over `maxPoints` (at least 2): the interior point whose removal changes the
 *   interpolation least is dropped; the first and last points always stay.
 */
export function appendOffsetPoint(
  table: OffsetTimePoint[],
  point: OffsetTimePoint,
  maxPoints: number,
): OffsetTimePoint[] {
  return addOffsetPoint([...table], point, maxPoints);
}

/**
 * appendOffsetPoint that changes `table` in place where it can (it returns a new array
 * only when the table restarts): the collector keeps a table per partition, up to
 * `maxPoints` long, and copying each on every poll was most of a restart's reload.
 */
export function addOffsetPoint(table: OffsetTimePoint[], point: OffsetTimePoint, maxPoints: number): OffsetTimePoint[] {
  const newest = table[table.length - 1];
  if (newest === undefined || point.offset < newest.offset) return [point];
  if (point.offset === newest.offset || point.t <= newest.t) return table;
  table.push(point);
  while (table.length > Math.max(2, maxPoints)) table.splice(leastUsefulPoint(table), 1);
  return table;
}

/** Interior index whose point is best predicted by its neighbours (smallest time error), earliest on ties. */
function leastUsefulPoint(table: OffsetTimePoint[]): number {
  let best = 1;
  let bestErrorMs = Infinity;
  for (let i = 1; i < table.length - 1; i++) {
    const errorMs = Math.abs(table[i].t - interpolateTime(table[i - 1], table[i + 1], table[i].offset));
    if (errorMs < bestErrorMs) {
      best = i;
      bestErrorMs = errorMs;
    }
  }
  return best;
}

/** Time at which the high watermark was `offset`, on the straight line from `from` to `to`. */
function interpolateTime(from: OffsetTimePoint, to: OffsetTimePoint, offset: number): number {
  return from.t + ((offset - from.offset) / (to.offset - from.offset)) * (to.t - from.t);
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
  table: OffsetTimePoint[],
  committedOffset: number,
  highWatermark: number,
  nowMs: number,
): TimeLagEstimate | null {
  if (highWatermark - committedOffset <= 0) return { seconds: 0, lowerBound: false };
  if (table.length === 0) return null;
  const oldest = table[0];
  if (committedOffset < oldest.offset) return { seconds: secondsSince(oldest.t, nowMs), lowerBound: true };
  const upper = table.findIndex((point) => point.offset > committedOffset);
  if (upper === -1) return { seconds: 0, lowerBound: true };
  const producedMs = interpolateTime(table[upper - 1], table[upper], committedOffset + 1);
  return { seconds: secondsSince(producedMs, nowMs), lowerBound: false };
}

/** Exact time lag in seconds from the record's timestamp; 0 for future-dated (CreateTime) records. */
export function exactTimeLag(recordTimestampMs: number, nowMs: number): number {
  return secondsSince(recordTimestampMs, nowMs);
}

function secondsSince(thenMs: number, nowMs: number): number {
  return Math.max(0, (nowMs - thenMs) / 1000);
}
