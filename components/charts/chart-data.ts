/**
 * Pure transforms from the group history API to what the charts draw: series,
 * time ticks and duration ticks. No React, no I/O, so they are unit-tested.
 */
import type { GroupHistoryPoint } from '@/lib/api/history-schemas';

export interface LagVsRatesDatum {
  /** Epoch ms, end of the bucket. */
  t: number;
  /** Messages not yet consumed. */
  lag: number | null;
  /** Messages/s written to the group's partitions. */
  producerRate: number | null;
  /** Messages/s committed by the group. */
  consumerRate: number | null;
}

/** One datum per point; nulls stay null so the chart shows a gap, not a fake zero. */
export function lagVsRatesData(points: GroupHistoryPoint[]): LagVsRatesDatum[] {
  return points.map((p) => ({ t: p.t, lag: p.lag, producerRate: p.produceRate, consumerRate: p.consumeRate }));
}

export interface TimeLagDatum {
  t: number;
  /** The group's largest time lag over its partitions, in seconds. */
  timeLagSeconds: number | null;
  /** The time lag is "at least" this: shown with ≥. */
  lowerBound: boolean;
}

export function timeLagData(points: GroupHistoryPoint[]): TimeLagDatum[] {
  return points.map((p) => ({ t: p.t, timeLagSeconds: p.timeLagSeconds, lowerBound: p.timeLagLowerBound }));
}

/** True when any datum has a number under one of `keys`: a chart of gaps only says "no data" instead. */
export function hasValues<T extends object>(data: T[], keys: (keyof T)[]): boolean {
  return data.some((datum) => keys.some((key) => typeof datum[key] === 'number'));
}

/** The lag values in time order, gaps left out: what the area goes through. */
export function lagSeries(data: LagVsRatesDatum[]): number[] {
  return data.flatMap((datum) => (datum.lag === null ? [] : [datum.lag]));
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Tick spacings people read at a glance, smallest first (seconds for the first minutes of a history). */
const TICK_STEPS_MS = [
  10_000,
  15_000,
  30_000,
  ...[1, 2, 3, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440].map((m) => m * MINUTE_MS),
];
/**
 * At most this many intervals between ticks: the ranges then tick every 3 minutes (15m),
 * 10 minutes (1h), hour (6h), 4 hours (24h) and day (7d).
 */
const MAX_TICK_INTERVALS = 7;

/** The spacing of time ticks over `spanMs`: the smallest round step giving at most 7 intervals. */
export function tickStepMs(spanMs: number): number {
  return (
    TICK_STEPS_MS.find((step) => spanMs / step <= MAX_TICK_INTERVALS) ??
    Math.ceil(spanMs / MAX_TICK_INTERVALS / DAY_MS) * DAY_MS
  );
}

/** Round tick times (multiples of the step for the span, in epoch ms) within [fromMs, toMs]. */
export function timeTicks(fromMs: number, toMs: number): number[] {
  const step = tickStepMs(toMs - fromMs);
  const ticks: number[] = [];
  for (let t = Math.ceil(fromMs / step) * step; t <= toMs; t += step) ticks.push(t);
  return ticks;
}

/**
 * "14:05" in `timeZone` (the browser's own when omitted); with ticks a day or more apart
 * "Tue 24", half a day "Tue 12:00", under a minute "14:05:30".
 */
export function timeTickFormatter(stepMs: number, timeZone?: string): (t: number) => string {
  const options: Intl.DateTimeFormatOptions =
    stepMs >= DAY_MS
      ? { weekday: 'short', day: 'numeric' }
      : stepMs >= 12 * HOUR_MS
        ? { weekday: 'short', hour: '2-digit', minute: '2-digit' }
        : stepMs < MINUTE_MS
          ? { hour: '2-digit', minute: '2-digit', second: '2-digit' }
          : { hour: '2-digit', minute: '2-digit' };
  const format = new Intl.DateTimeFormat('en-GB', { ...options, hourCycle: 'h23', timeZone });
  return (t) => format.format(t);
}

/** Shortest span an axis is drawn over, so the first seconds of history still get ticks. */
const MIN_AXIS_SPAN_MS = 30_000;

export interface ChartWindow {
  /** The time axis' bounds, epoch ms. */
  fromMs: number;
  toMs: number;
  /** The history begins inside the range, at `historyStartMs`: the axis starts there, not at the range's start. */
  startsLate: boolean;
  historyStartMs: number | null;
}

/**
 * The time axis for a range [fromMs, toMs] whose history starts at `historyStartMs`: the
 * whole range, or, when the history is younger (a fresh install, a new group), from its
 * first sample (at least 30 s before `toMs`), so the data is not squeezed against
 * the right edge of an empty hour.
 */
export function chartWindow(fromMs: number, toMs: number, historyStartMs: number | null): ChartWindow {
  if (historyStartMs === null || historyStartMs <= fromMs) return { fromMs, toMs, startsLate: false, historyStartMs };
  const start = Math.max(fromMs, Math.min(historyStartMs, toMs - MIN_AXIS_SPAN_MS));
  return { fromMs: start, toMs, startsLate: true, historyStartMs };
}

/** The points on the axis: those before its start (empty buckets before the history) left out. */
export function pointsIn<T extends { t: number }>(points: T[], window: ChartWindow): T[] {
  return window.startsLate ? points.filter((p) => p.t >= window.fromMs) : points;
}

/**
 * "History since 10:42" (same day as `nowMs`) or "History since Mon 30 Nov, 10:42", in
 * `timeZone` (the browser's own when omitted): said under a chart whose axis starts late.
 */
export function historySinceText(historyStartMs: number, nowMs: number, timeZone?: string): string {
  const day = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'numeric', day: 'numeric', timeZone });
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  if (day.format(historyStartMs) === day.format(nowMs)) return `History since ${time.format(historyStartMs)}`;
  const date = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone });
  return `History since ${date.format(historyStartMs)}, ${time.format(historyStartMs)}`;
}

/** Full date and time for tooltips, "24 Nov, 14:05:30". */
export function tooltipTimeFormatter(timeZone?: string): (t: number) => string {
  const format = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  return (t) => format.format(t);
}

// Steps people read at a glance: seconds, minutes, hours, days.
const DURATION_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/**
 * Ticks for a duration axis, in seconds: 0 up to the first multiple of a round step
 * at or above `maxSeconds`, at most `maxTicks` of them. 0 or no data: [0].
 */
export function durationTicks(maxSeconds: number, maxTicks = 5): number[] {
  if (!Number.isFinite(maxSeconds) || maxSeconds <= 0) return [0];
  const intervals = Math.max(1, maxTicks - 1);
  const step =
    DURATION_STEPS_S.find((s) => Math.ceil(maxSeconds / s) <= intervals) ??
    Math.ceil(maxSeconds / intervals / 86400) * 86400;
  return Array.from({ length: Math.ceil(maxSeconds / step) + 1 }, (_, i) => i * step);
}

/**
 * The time at `x` pixels into a chart whose plot spans `left` to `right` pixels and whose time
 * axis runs over the window; null outside the plot.
 */
export function timeAtX(
  x: number,
  left: number,
  right: number,
  window: Pick<ChartWindow, 'fromMs' | 'toMs'>,
): number | null {
  if (!(right > left) || x < left || x > right) return null;
  return window.fromMs + ((x - left) / (right - left)) * (window.toMs - window.fromMs);
}
