/**
 * Prints the history database's measured size after bench:collect's cycles.
 */
import type { StorageMeasurement } from './bench-history';

/** Decimal megabytes (10^6 bytes), one decimal. */
export function formatMegabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

function describeCompaction(compaction: StorageMeasurement['compaction']): string {
  if (!compaction) return 'not run';
  const why = compaction.deletedRows === 0 ? ': every series visited, nothing old enough to thin or trim yet' : '';
  return `${compaction.durationMs.toFixed(1)} ms forced (deleted ${compaction.deletedRows} rows)${why}`;
}

export function printStorage(storage: StorageMeasurement): void {
  console.log(`\nHistory database (SQLite, WAL checkpointed after the cycles):`);
  console.log(
    `  size           ${storage.databaseBytes} bytes (${formatMegabytes(storage.databaseBytes)} MB) ` +
      `after ${storage.cyclesWritten} cycles (warm-up included)`,
  );
  console.log(`  compaction     ${describeCompaction(storage.compaction)}`);
  console.log(
    `  a week         npm run bench:storage -- --partitions=N --groups=N: the size after a simulated week and the bytes written per day`,
  );
}
