/**
 * The history the cycles write to: the real ClusterHistory with the default retention,
 * in a fresh SQLite file under the OS temp directory, deleted at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClusterHistory, historyRetention, type HistoryWriteStats } from '../../lib/history/cluster-history';
import { openHistoryDatabase, type SqliteDatabase } from '../../lib/history/database';

/** The defaults of lib/config/schema.ts (HistoryConfig). */
export const BENCH_RETENTION = historyRetention({ horizonDays: 7, fullResolutionMinutes: 60 });

export interface BenchHistory {
  dir: string;
  db: SqliteDatabase;
  history: ClusterHistory;
}

export interface StorageMeasurement {
  databaseBytes: number;
  cyclesWritten: number;
  /** One compaction forced right after the cycles. */
  compaction: HistoryWriteStats['compaction'];
}

export function openBenchHistory(clusterId: string): BenchHistory {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watermark-bench-'));
  try {
    const db = openHistoryDatabase(dir);
    return { dir, db, history: new ClusterHistory(db, clusterId, BENCH_RETENTION) };
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

export function closeBenchHistory({ dir, db }: BenchHistory): void {
  try {
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Size of the database once the WAL is folded back in: what the rows occupy on disk. */
export function databaseBytes(db: SqliteDatabase): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return pages * pageSize;
}

/** Measures the size first, then times a forced compaction (which may delete rows). */
export function measureStorage(bench: BenchHistory, cyclesWritten: number): StorageMeasurement {
  const bytes = databaseBytes(bench.db);
  const compaction = bench.history.compactIfDue(Date.now(), true);
  return { databaseBytes: bytes, cyclesWritten, compaction };
}
