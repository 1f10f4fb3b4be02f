/**
 * Prints the history database's measured size and what it projects to.
 */
import { BENCH_RETENTION, type StorageMeasurement } from './bench-history';

const DAY_MS = 24 * 60 * 60_000;

/** Decimal megabytes (10^6 bytes), one decimal. */
export function formatMegabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

function formatStep(ms: number): string {
  return ms < 60_000 ? `${ms / 1000} s` : `${ms / 60_000} min`;
}

/** "360 every 10 s + 1380 every 1 min + 864 every 10 min". */
function describeSamples(samples: number[], pollIntervalMs: number): string {
  const steps = [pollIntervalMs, ...BENCH_RETENTION.tiers.map((t) => t.stepMs)];
  return samples.map((n, i) => `${n} every ${formatStep(steps[i])}`).join(' + ');
}

function describeCompaction(compaction: StorageMeasurement['compaction']): string {
  if (!compaction) return 'not run';
  const why = compaction.deletedRows === 0 ? ': every series visited, nothing old enough to thin or trim yet' : '';
  return `${compaction.durationMs.toFixed(1)} ms forced (deleted ${compaction.deletedRows} rows)${why}`;
}

/** Returns the horizon in days, for the summary line. */
export function printStorage(storage: StorageMeasurement, cyclesWritten: number, pollIntervalMs: number): number {
  const perSeries = storage.samplesPerSeries.reduce((sum, n) => sum + n, 0);
  const horizonDays = BENCH_RETENTION.horizonMs / DAY_MS;
  const cyclesPerDay = DAY_MS / pollIntervalMs;
  console.log(`\nHistory database (SQLite, WAL checkpointed after the cycles):`);
  console.log(
    `  size           ${storage.databaseBytes} bytes (${formatMegabytes(storage.databaseBytes)} MB) ` +
      `after ${storage.rowsWritten} rows in ${cyclesWritten} cycles (warm-up included)`,
  );
  console.log(
    `  per row        ~${storage.bytesPerRow.toFixed(1)} bytes (approximate: file size / rows written, ` +
      `so it includes the series table, b-tree pages and free space)`,
  );
  console.log(`  compaction     ${describeCompaction(storage.compaction)}`);
  console.log(`\nProjected at a ${formatStep(pollIntervalMs)} poll interval (${storage.rowsPerCycle} rows per cycle):`);
  console.log(
    `  per day        ~${formatMegabytes(storage.bytesPerDay)} MB written without compaction ` +
      `(${storage.rowsPerCycle} rows × ${cyclesPerDay} cycles × ${storage.bytesPerRow.toFixed(1)} bytes)`,
  );
  const horizonLabel = `${horizonDays}-day horizon`.padEnd(14);
  const samples = describeSamples(storage.samplesPerSeries, pollIntervalMs);
  console.log(
    `  ${horizonLabel} ~${formatMegabytes(storage.horizonBytes)} MB with the default downsampling ` +
      `(${storage.rowsPerCycle} series × ${perSeries} rows: ${samples})`,
  );
  return horizonDays;
}
