import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AggregateChunks } from '@/lib/history/aggregate-chunks';
import type { AggregateRow } from '@/lib/history/aggregate-rows';
import { HISTORY_FILE, openHistoryDatabase, type SqliteDatabase } from '@/lib/history/database';
import { HistoryReader } from '@/lib/history/history-reader';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const row = (t: number, end = t / 1000): AggregateRow => ({
  t,
  partitionCount: 1,
  endOffsetSum: end,
  startOffsetSum: 0,
  committedSum: end - 1,
  sizeBytes: null,
  lag: 1,
  maxTimeLagSeconds: null,
  flags: 0,
});

const dbs: SqliteDatabase[] = [];
const dirs: string[] = [];
afterEach(() => {
  dbs.splice(0).forEach((db) => db.open && db.close());
  dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
});
function open(): SqliteDatabase {
  const db = openHistoryDatabase(':memory:');
  dbs.push(db);
  return db;
}
const chunkCount = (db: SqliteDatabase) => db.prepare('SELECT COUNT(*) FROM aggregate_chunks').pluck().get();

describe('AggregateChunks', () => {
  it('stores rows in a chunk per block, thinned, and joins a later store of the same block', () => {
    const db = open();
    const chunks = new AggregateChunks(db);
    const every10s = (from: number, to: number) =>
      Array.from({ length: (to - from) / 10_000 }, (_, i) => row(from + i * 10_000));
    chunks.store(7, every10s(0, 90 * MINUTE), HOUR, MINUTE);
    expect(chunkCount(db)).toBe(2);
    chunks.store(7, every10s(90 * MINUTE, 2 * HOUR), HOUR, MINUTE);
    expect(chunkCount(db)).toBe(2);
    const rows = chunks.rowsOf(7, 0, 2 * HOUR);
    expect(rows.map((r) => r.t)).toEqual(Array.from({ length: 120 }, (_, i) => (i + 1) * MINUTE - 10_000));
    expect(chunks.rowsOf(7, 30 * MINUTE, 40 * MINUTE).map((r) => r.t)).toEqual(
      Array.from({ length: 10 }, (_, i) => (31 + i) * MINUTE - 10_000),
    );
    expect(chunks.rowsOf(8, 0, 2 * HOUR)).toEqual([]);
    expect(chunks.firstT(7)).toBe(50_000);
    expect(chunks.latest(7)?.t).toBe(2 * HOUR - 10_000);
  });

  it('thins whole blocks of older chunks again, only of the series asked, and trims those past a cutoff', () => {
    const db = open();
    const chunks = new AggregateChunks(db);
    for (const id of [1, 2]) {
      chunks.store(
        id,
        Array.from({ length: 12 * 60 }, (_, i) => row((i + 1) * MINUTE)),
        HOUR,
        MINUTE,
      );
    }
    expect(chunkCount(db)).toBe(2 * 12 + 2); // the row at 12 h opens a thirteenth hour
    const removed = chunks.rethin(new Set([1]), 0, 12 * HOUR, 6 * HOUR, 10 * MINUTE);
    expect(removed).toBe(2 * (6 * 60 - 36) - 1); // the first block holds 359 rows (from 1 min)
    expect(chunks.rowsOf(1, 0, 6 * HOUR - 1).length).toBe(36);
    expect(chunks.rowsOf(2, 0, 6 * HOUR - 1).length).toBe(6 * 60 - 1);
    expect(chunks.rethin(new Set([1]), 0, 12 * HOUR, 6 * HOUR, 10 * MINUTE)).toBe(0);
    expect(chunks.trim(new Set([1]), 6 * HOUR)).toBe(36);
    expect(chunks.rowsOf(1, 0, 6 * HOUR - 1)).toEqual([]);
    expect(chunks.rowsOf(2, 0, 6 * HOUR - 1).length).toBe(6 * 60 - 1);
  });
});

describe('the migration to chunks', () => {
  it('moves the aggregate rows an older version stored one per sample into chunks, readable as before', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watermark-chunks-'));
    dirs.push(dir);
    const db = openHistoryDatabase(dir);
    // Back to version 7: no chunks yet, aggregates a row each.
    db.exec('DROP TABLE aggregate_chunks');
    db.exec(
      'ALTER TABLE silences DROP COLUMN created_by; ALTER TABLE silences DROP COLUMN ended_by; DROP TABLE events',
    );
    db.pragma('user_version = 7');
    const id = db
      .prepare(
        "INSERT INTO series (cluster, kind, group_id, topic, partition) VALUES ('c1', 'topic', '', 't', -1) RETURNING id",
      )
      .pluck()
      .get() as number;
    const insert = db.prepare(
      `INSERT INTO aggregate_samples (series_id, t, partition_count, end_offset_sum, start_offset_sum, committed_sum,
         size_bytes, lag, max_time_lag_seconds, flags) VALUES (?, ?, 1, ?, 0, NULL, 5000, NULL, NULL, 0)`,
    );
    for (let t = 10 * MINUTE; t <= 20 * HOUR; t += 10 * MINUTE) insert.run(id, t, t / 1000);
    db.close();
    expect(new Database(path.join(dir, HISTORY_FILE)).pragma('user_version', { simple: true })).toBe(7);

    const migrated = openHistoryDatabase(dir);
    dbs.push(migrated);
    const rows = new HistoryReader(migrated, 'c1').aggregates('topic', { topic: 't' }, 0, 21 * HOUR)[0].rows;
    expect(rows).toHaveLength(120);
    expect(rows[0]).toEqual({ ...row(10 * MINUTE), committedSum: null, lag: null, sizeBytes: 5000 });
    expect(migrated.prepare('SELECT COUNT(*) FROM aggregate_samples').pluck().get()).toBe(0);
    expect(chunkCount(migrated)).toBe(4); // six-hour blocks
  });
});
