/**
 * Server-side downsampling for charts: a range becomes at most `maxPoints` buckets;
 * each series contributes its last sample in a bucket, rates come from the offset
 * sums of consecutive kept samples, and series are then added up.
 */
import { AGGREGATE_FLAGS, isIncomplete, isLagUnknown, isPartial } from './cycle-record';
import type { AggregateRow } from './history-reader';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const HISTORY_RANGES_MS = {
  '15m': 15 * MINUTE,
  '1h': HOUR,
  '6h': 6 * HOUR,
  '24h': 24 * HOUR,
  '7d': 7 * 24 * HOUR,
} as const;
export type HistoryRange = keyof typeof HISTORY_RANGES_MS;

export const MAX_CHART_POINTS = 180;

export interface ChartPoint {
  /** End of the bucket, epoch ms. */
  t: number;
  lag: number | null;
  maxTimeLagSeconds: number | null;
  /** Messages/s into the series' partitions (high watermark sums). */
  produceRate: number | null;
  /** Messages/s committed (committed offset sums). */
  consumeRate: number | null;
  sizeBytes: number | null;
  endOffsetSum: number | null;
  startOffsetSum: number | null;
  /** The max time lag is "at least" this (a committed offset older than anything datable). */
  timeLagLowerBound: boolean;
  /** Some partitions were not read in this bucket: its values are a gap, not a smaller total. */
  partial: boolean;
}

/**
 * The span a chart's points are bucketed over: the range, or, when the history kept is
 * shorter (`historySpanMs`, a fresh install or a new group), the shortest range that holds
 * it, so seven days of a ten-minute-old history are not one bucket wide. Taken from the
 * fixed ranges so the buckets stay put between refreshes.
 */
export function drawnSpanMs(rangeMs: number, historySpanMs: number | null): number {
  if (historySpanMs === null || historySpanMs >= rangeMs) return rangeMs;
  return Object.values(HISTORY_RANGES_MS).find((ms) => ms >= historySpanMs && ms <= rangeMs) ?? rangeMs;
}

/** Bucket width: the range over maxPoints, never finer than one poll interval. */
export function bucketStepMs(rangeMs: number, pollIntervalMs: number, maxPoints = MAX_CHART_POINTS): number {
  return Math.max(Math.ceil(rangeMs / maxPoints), pollIntervalMs);
}

/**
 * Per-second rate between two samples of an offset-sum counter; null across a reset
 * (the sum went down), a changed partition set, a partial sample at either end, or a
 * gap longer than `maxGapMs`.
 */
export function sumCounterRate(
  previous: AggregateRow | undefined,
  current: AggregateRow,
  value: (row: AggregateRow) => number | null,
  maxGapMs: number,
): number | null {
  if (!previous) return null;
  const before = value(previous);
  const after = value(current);
  const elapsedMs = current.t - previous.t;
  if (before === null || after === null || elapsedMs <= 0 || elapsedMs > maxGapMs) return null;
  if (previous.partitionCount !== current.partitionCount || after < before) return null;
  if (isPartial(previous) || isPartial(current)) return null;
  return ((after - before) * 1000) / elapsedMs;
}

type Bucketed = { row: AggregateRow; previous: AggregateRow | undefined }[];

/**
 * The row kept per bucket of one series, with the kept row before it (for rates): the
 * last complete row of the bucket, or its last row when none is complete (a gap).
 */
function lastPerBucket(rows: AggregateRow[], fromMs: number, stepMs: number, buckets: Bucketed[]): void {
  let previous: AggregateRow | undefined;
  let kept: AggregateRow | undefined;
  for (let i = 0; i < rows.length; i++) {
    const index = Math.floor((rows[i].t - fromMs) / stepMs);
    if (index >= buckets.length) break;
    if (!kept || !isIncomplete(rows[i]) || isIncomplete(kept)) kept = rows[i];
    const next = rows[i + 1];
    if (next && Math.floor((next.t - fromMs) / stepMs) === index) continue;
    // Rows before the range are read only to give the first bucket a rate.
    if (index >= 0) buckets[index].push({ row: kept, previous });
    previous = kept;
    kept = undefined;
  }
}

const add = (a: number | null, b: number | null) => (b === null ? a : (a ?? 0) + b);
const max = (a: number | null, b: number | null) => (b === null ? a : Math.max(a ?? b, b));
/** A sum over series is no total when one of them has no value: null, not a smaller number. */
const addAll = (a: number | null, b: number | null, first: boolean) =>
  first ? b : a === null || b === null ? null : a + b;

/**
 * Adds up several series (e.g. a group's topics) into at most `maxPoints` chart points.
 * A bucket where any series is partial, or has no rate where a rate is summed, gets null
 * for that value: a total over fewer partitions would be drawn as a drop.
 */
export function chartPoints(series: AggregateRow[][], fromMs: number, toMs: number, stepMs: number): ChartPoint[] {
  // Buckets sit on multiples of the step, so they stay put between refreshes. A range that
  // does not start on one would need one bucket more than it holds: the partial first
  // bucket is dropped (its rows still give the next bucket a rate).
  const aligned = Math.floor(fromMs / stepMs) * stepMs;
  const total = Math.max(1, Math.ceil((toMs - aligned) / stepMs));
  const count = Math.max(1, Math.min(total, Math.ceil((toMs - fromMs) / stepMs)));
  const start = aligned + (total - count) * stepMs;
  const buckets: Bucketed[] = Array.from({ length: count }, () => []);
  for (const rows of series) lastPerBucket(rows, start, stepMs, buckets);
  const maxGapMs = 3 * stepMs;
  return buckets.map((entries, index) => {
    const point: ChartPoint = {
      t: Math.min(start + (index + 1) * stepMs, toMs),
      lag: null,
      maxTimeLagSeconds: null,
      produceRate: null,
      consumeRate: null,
      sizeBytes: null,
      endOffsetSum: null,
      startOffsetSum: null,
      timeLagLowerBound: false,
      partial: entries.some(({ row }) => isIncomplete(row)),
    };
    entries.forEach(({ row, previous }, i) => {
      const first = i === 0;
      point.lag = add(point.lag, row.lag);
      point.maxTimeLagSeconds = max(point.maxTimeLagSeconds, row.maxTimeLagSeconds);
      point.timeLagLowerBound ||= (row.flags & AGGREGATE_FLAGS.timeLagLowerBound) !== 0;
      point.produceRate = addAll(
        point.produceRate,
        sumCounterRate(previous, row, (r) => r.endOffsetSum, maxGapMs),
        first,
      );
      point.consumeRate = addAll(
        point.consumeRate,
        sumCounterRate(previous, row, (r) => r.committedSum, maxGapMs),
        first,
      );
      point.sizeBytes = add(point.sizeBytes, row.sizeBytes);
      point.endOffsetSum = add(point.endOffsetSum, row.endOffsetSum);
      point.startOffsetSum = add(point.startOffsetSum, row.startOffsetSum);
    });
    if (entries.some(({ row }) => isPartial(row))) {
      point.sizeBytes = point.endOffsetSum = point.startOffsetSum = null;
    }
    if (entries.some(({ row }) => isLagUnknown(row))) {
      point.lag = point.maxTimeLagSeconds = null;
      point.timeLagLowerBound = false;
    }
    return point;
  });
}
