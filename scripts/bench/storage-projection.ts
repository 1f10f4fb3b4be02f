/**
 * What the history database grows to, projected from the few cycles the bench writes.
 */
import type { HistoryRetention } from '../../lib/history/compact-history';

const DAY_MS = 24 * 60 * 60_000;

/**
 * Rows one series holds once compaction is steady, per resolution: one per poll up to the
 * first tier, then one per tier step up to the next tier or the horizon.
 * With the default retention and a 10 s poll: [360, 1380, 864], 2604 in all.
 */
export function samplesPerSeries(retention: HistoryRetention, pollIntervalMs: number): number[] {
  const { horizonMs, tiers } = retention;
  const starts = [0, ...tiers.map((t) => Math.min(t.afterMs, horizonMs))];
  const steps = [pollIntervalMs, ...tiers.map((t) => t.stepMs)];
  return starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1] : horizonMs;
    return Math.floor(Math.max(0, end - start) / steps[i]);
  });
}

export interface StorageProjection {
  /** Database size over rows written: includes the series table, b-tree interior pages and free space. */
  bytesPerRow: number;
  /** One row per series and cycle. */
  rowsPerCycle: number;
  /** Written per day at the poll interval if nothing were compacted. */
  bytesPerDay: number;
  samplesPerSeries: number[];
  /** Size once every series holds the horizon's worth of downsampled rows. */
  horizonBytes: number;
}

export interface StorageInput {
  databaseBytes: number;
  rowsWritten: number;
  rowsPerCycle: number;
  retention: HistoryRetention;
  pollIntervalMs: number;
}

/** Linear in rows: assumes the bytes per row measured on a small database hold for a large one. */
export function projectStorage(input: StorageInput): StorageProjection {
  const { rowsPerCycle, pollIntervalMs } = input;
  const bytesPerRow = input.rowsWritten > 0 ? input.databaseBytes / input.rowsWritten : 0;
  const samples = samplesPerSeries(input.retention, pollIntervalMs);
  const perSeries = samples.reduce((sum, n) => sum + n, 0);
  return {
    bytesPerRow,
    rowsPerCycle,
    bytesPerDay: rowsPerCycle * bytesPerRow * (DAY_MS / pollIntervalMs),
    samplesPerSeries: samples,
    horizonBytes: rowsPerCycle * perSeries * bytesPerRow,
  };
}
