/**
 * Pure transforms from the group history API to what the charts draw: series,
 * time ticks and duration ticks. No React, no I/O, so they are unit-tested.
 */
import type { GroupHistoryPoint, HistoryRange } from '@/lib/api/history-schemas';

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

/** Spacing of the time axis ticks per range: 5 to 7 ticks. */
const TICK_STEP_MS: Record<HistoryRange, number> = {
  '15m': 3 * MINUTE_MS,
  '1h': 10 * MINUTE_MS,
  '6h': HOUR_MS,
  '24h': 4 * HOUR_MS,
  '7d': 24 * HOUR_MS,
};

/** Round tick times (multiples of the range's step, in epoch ms) within [fromMs, toMs]. */
export function timeTicks(fromMs: number, toMs: number, range: HistoryRange): number[] {
  const step = TICK_STEP_MS[range];
  const ticks: number[] = [];
  for (let t = Math.ceil(fromMs / step) * step; t <= toMs; t += step) ticks.push(t);
  return ticks;
}

const TICK_FORMAT: Record<HistoryRange, Intl.DateTimeFormatOptions> = {
  '15m': { hour: '2-digit', minute: '2-digit' },
  '1h': { hour: '2-digit', minute: '2-digit' },
  '6h': { hour: '2-digit', minute: '2-digit' },
  '24h': { hour: '2-digit', minute: '2-digit' },
  '7d': { weekday: 'short', day: 'numeric' },
};

/** "14:05" (or "Tue 24" over 7 days) in `timeZone`, the browser's own when omitted. */
export function timeTickFormatter(range: HistoryRange, timeZone?: string): (t: number) => string {
  const format = new Intl.DateTimeFormat('en-GB', { ...TICK_FORMAT[range], hourCycle: 'h23', timeZone });
  return (t) => format.format(t);
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
