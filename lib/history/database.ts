/**
 * The history database: one SQLite file under WATERMARK_DATA_DIR (default ./data).
 *
 * Rows name their series by a small integer id instead of repeating topic and
 * group names, and every sample table is keyed (series, t) WITHOUT ROWID, so the
 * rows of one series are stored together and a chart reads a contiguous range.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { convertAggregateSamples } from './aggregate-chunks';
import type { SqlDatabase } from './sql-database';

/** The database the history's stores use, whichever it is (sql-database.ts). */
export type HistoryDatabase = SqlDatabase;
/** The SQLite file (better-sqlite3). */
export type SqliteDatabase = Database.Database;

export const HISTORY_FILE = 'watermark.sqlite';

/** Add a step when the schema changes; old files are migrated in order (user_version counts them). */
export const MIGRATIONS: (string | ((db: SqliteDatabase) => void))[] = [
  `
  CREATE TABLE series (
    id INTEGER PRIMARY KEY,
    cluster TEXT NOT NULL,
    kind TEXT NOT NULL,          -- partition | group-partition | topic | group-topic | cluster
    group_id TEXT NOT NULL,      -- '' where the series is not a group's
    topic TEXT NOT NULL,         -- '' for the cluster series
    partition INTEGER NOT NULL,  -- -1 for topic, group-topic and cluster series
    UNIQUE (cluster, kind, group_id, topic, partition)
  );
  -- Per partition: high watermark, log start offset and leader size in bytes.
  CREATE TABLE partition_samples (
    series_id INTEGER NOT NULL, t INTEGER NOT NULL,
    high_watermark INTEGER NOT NULL, log_start_offset INTEGER NOT NULL, size_bytes INTEGER,
    PRIMARY KEY (series_id, t)
  ) WITHOUT ROWID;
  -- Per group and partition: the committed offset.
  CREATE TABLE commit_samples (
    series_id INTEGER NOT NULL, t INTEGER NOT NULL, committed_offset INTEGER NOT NULL,
    PRIMARY KEY (series_id, t)
  ) WITHOUT ROWID;
  -- Aggregates per cycle for charts (topic, group per topic, cluster): counters are sums
  -- of offsets over the series' partitions; partition_count tells a changed partition set.
  CREATE TABLE aggregate_samples (
    series_id INTEGER NOT NULL, t INTEGER NOT NULL,
    partition_count INTEGER NOT NULL,
    end_offset_sum INTEGER NOT NULL,
    start_offset_sum INTEGER,
    committed_sum INTEGER,
    size_bytes INTEGER,
    lag INTEGER,
    max_time_lag_seconds REAL,
    PRIMARY KEY (series_id, t)
  ) WITHOUT ROWID;
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  `
  -- One row per occurrence of an alert: pending or firing while it lasts, then resolved.
  CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    cluster TEXT NOT NULL,
    key TEXT NOT NULL,
    since INTEGER NOT NULL,
    status TEXT NOT NULL,
    fired_at INTEGER,
    resolved_at INTEGER,
    last_seen_at INTEGER NOT NULL,
    body TEXT NOT NULL,          -- the condition (rule, severity, subject, value, threshold, message, href) as JSON
    UNIQUE (cluster, key, since)
  );
  CREATE INDEX alerts_by_status ON alerts (cluster, status, since);
  `,
  `
  -- Silences made in the UI (the config file's are not stored); expiring one sets ends_at to now.
  CREATE TABLE silences (
    id INTEGER PRIMARY KEY,
    cluster TEXT NOT NULL,
    match TEXT NOT NULL,         -- { rule?, group?, topic?, broker? } patterns as JSON
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    comment TEXT NOT NULL
  );
  CREATE INDEX silences_by_end ON silences (cluster, ends_at);
  `,
  `
  -- Silences are named by a random id in the API: sequential ones let anyone guess and end them.
  ALTER TABLE silences ADD COLUMN public_id TEXT;
  UPDATE silences SET public_id = lower(hex(randomblob(16)));
  CREATE UNIQUE INDEX silences_by_public_id ON silences (public_id);
  `,
  `
  -- What an aggregate cannot vouch for (AGGREGATE_FLAGS in cycle-record.ts): 1 partial = some of its
  -- partitions' offsets were not read that cycle; 2 = its max time lag is "at least"; 4 = its lag
  -- was summed over fewer group partitions than it has.
  ALTER TABLE aggregate_samples ADD COLUMN flags INTEGER NOT NULL DEFAULT 0;
  `,
  `
  -- Raw samples of a cycle (every partition's offsets and size, every committed offset) as one
  -- compressed frame (raw-frames.ts), kept for the hours a restart reloads. They replace
  -- partition_samples and commit_samples, which are no longer written: what an older version
  -- left there is still reloaded, and compaction empties them within those hours.
  CREATE TABLE raw_frames (
    id INTEGER PRIMARY KEY,
    cluster TEXT NOT NULL,
    t INTEGER NOT NULL,
    key_t INTEGER NOT NULL,      -- t of the keyframe it was written against; its own t for a keyframe
    data BLOB NOT NULL,
    UNIQUE (cluster, t)
  );
  `,
  `
  -- A cycle's aggregates until they are moved into aggregate_samples a few minutes later, all
  -- at once (aggregate-buffer.ts): a row per cycle here instead of one b-tree page per series.
  CREATE TABLE pending_aggregates (
    cluster TEXT NOT NULL,
    t INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (cluster, t)
  );
  `,
  (db) => {
    db.exec(`
    -- Aggregates as chunks of encoded rows (aggregate-rows.ts, aggregate-chunks.ts): one row per
    -- series and block of an hour (six once thinned to ten minutes), keyed time first so that
    -- a seal appends. They replace aggregate_samples, whose rows are moved here now.
    CREATE TABLE aggregate_chunks (
      start_t INTEGER NOT NULL,    -- the block's start, a whole hour
      series_id INTEGER NOT NULL,
      end_t INTEGER NOT NULL,      -- t of its last row
      step_ms INTEGER NOT NULL,    -- thinned to one row per step; 0 as written
      data BLOB NOT NULL,
      PRIMARY KEY (start_t, series_id)
    );
    `);
    convertAggregateSamples(db);
  },
  `
  -- Who made and who ended a silence made in the UI (the signed-in user's name; "anonymous" with
  -- auth.mode none); NULL for silences made before this was recorded.
  ALTER TABLE silences ADD COLUMN created_by TEXT;
  ALTER TABLE silences ADD COLUMN ended_by TEXT;
  `,
  `
  -- The timeline (event-store.ts): what changed between two cycles, one row per change, a flap
  -- counted on its row (count, last_at). Subject columns are NULL where they do not apply.
  CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    cluster TEXT NOT NULL,
    at INTEGER NOT NULL,         -- the cycle that saw it first
    after INTEGER NOT NULL,      -- the cycle before: it happened in between
    last_at INTEGER NOT NULL,
    count INTEGER NOT NULL,
    kind TEXT NOT NULL,
    grp TEXT,
    topic TEXT,
    partition INTEGER,
    broker INTEGER,
    message TEXT NOT NULL,
    details TEXT NOT NULL        -- JSON
  );
  CREATE INDEX events_by_time ON events (cluster, at);
  CREATE INDEX events_by_group ON events (cluster, grp, at) WHERE grp IS NOT NULL;
  CREATE INDEX events_by_topic ON events (cluster, topic, at) WHERE topic IS NOT NULL;
  CREATE INDEX events_by_broker ON events (cluster, broker, at) WHERE broker IS NOT NULL;
  `,
];

function migrate(db: SqliteDatabase): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let next = version; next < MIGRATIONS.length; next++) {
    const step = MIGRATIONS[next];
    db.transaction(() => {
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.pragma(`user_version = ${next + 1}`);
    })();
  }
}

/**
 * The history database cannot be used: the data directory cannot be made, or the file
 * is not a SQLite database, is cut short, or cannot be written. The message names the
 * path and the cause in one line.
 */
export class HistoryUnavailableError extends Error {}

/** "file is not a database (SQLITE_NOTADB)", "EACCES: permission denied, mkdir …". */
function causeOf(error: unknown): string {
  const { message, code } = error as { message?: string; code?: string };
  return code && !String(message).includes(code) ? `${message} (${code})` : String(message ?? error);
}

/**
 * A file shorter than the page count in its own header was cut short (a copy interrupted,
 * a disk that filled while it grew): SQLite would only notice when it reads a missing page.
 */
function truncation(file: string): string | null {
  let header: Buffer;
  let size: number;
  try {
    const fd = fs.openSync(/* turbopackIgnore: true */ file, 'r');
    try {
      size = fs.fstatSync(fd).size;
      header = Buffer.alloc(100);
      fs.readSync(fd, header, 0, 100, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : causeOf(error);
  }
  if (size < 100 || header.toString('latin1', 0, 15) !== 'SQLite format 3') return null; // SQLite says what it is
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  const pages = header.readUInt32BE(28);
  const expected = pages * pageSize;
  return pages > 0 && size < expected ? `the file is cut short: ${size} bytes of ${expected}` : null;
}

function openFile(file: string): SqliteDatabase {
  const cut = truncation(file);
  if (cut) throw new Error(cut);
  const db = new Database(file);
  try {
    // WAL: readers (API requests) never wait for the collector's write transaction.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Checkpoint at 32 MB of WAL instead of 4 MB: a page changed by many cycles in between
    // (an index, the free list) is copied into the file once, not once per 4 MB (bench:storage:
    // 29 % fewer bytes written).
    db.pragma('wal_autocheckpoint = 8192');
    migrate(db);
    // A write now, so that a read-only file or a full disk stops the start, not a later cycle.
    db.prepare(
      `INSERT INTO meta (key, value) VALUES ('opened_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run(new Date().toISOString());
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens (creating if needed) the history database in `dataDir`; ':memory:' for tests.
 * Throws a HistoryUnavailableError naming the path and the cause.
 */
export function openHistoryDatabase(dataDir: string | ':memory:'): SqliteDatabase {
  if (dataDir === ':memory:') {
    const db = new Database(dataDir);
    migrate(db);
    return db;
  }
  try {
    fs.mkdirSync(/* turbopackIgnore: true */ dataDir, { recursive: true });
  } catch (error) {
    throw new HistoryUnavailableError(`${dataDir}: cannot create the data directory: ${causeOf(error)}`);
  }
  const file = path.join(/* turbopackIgnore: true */ dataDir, HISTORY_FILE);
  try {
    return openFile(file);
  } catch (error) {
    throw new HistoryUnavailableError(`${file}: cannot use the history database: ${causeOf(error)}`);
  }
}

export function dataDirFromEnv(env: Record<string, string | undefined> = process.env): string {
  return runTimePath(env.WATERMARK_DATA_DIR || 'data');
}

/**
 * A path chosen at run time, not a project file: resolved from a plain parameter, and marked,
 * so that the bundler's file tracer leaves it alone. Given `env.X || 'data'` in place, the
 * tracer reads "any path, or data" and may copy the whole project into the server's traces.
 */
function runTimePath(dir: string): string {
  return path.resolve(/* turbopackIgnore: true */ dir);
}

/**
 * Closes the database for good, first copying the WAL into the main file and
 * truncating it (`wal_checkpoint(TRUNCATE)`), so the file alone holds the whole history:
 * a backup or a copy of it needs no -wal beside it. Says how many WAL bytes were copied
 * and whether a reader kept part of it (null for a database without a WAL, or already closed).
 */
export function closeHistoryDatabase(db: SqliteDatabase): { walBytes: number; busy: boolean } | null {
  if (!db.open) return null;
  try {
    if (db.memory) return null;
    const wal = `${db.name}-wal`;
    // `${…}-wal` is a pattern to the bundler's tracer (any file ending in -wal): not a project file.
    const walBytes = fs.existsSync(/* turbopackIgnore: true */ wal)
      ? fs.statSync(/* turbopackIgnore: true */ wal).size
      : 0;
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
    // Not in WAL mode: log is -1.
    return result.log < 0 ? null : { walBytes, busy: result.busy !== 0 };
  } finally {
    db.close();
  }
}

/**
 * The history file opened for reading only, beside the writer's connection (WAL lets both
 * run): the collector thread reloads the analysis's memory through it at start.
 */
export function openHistoryReadOnly(dataDir: string): SqliteDatabase {
  return new Database(path.join(/* turbopackIgnore: true */ dataDir, HISTORY_FILE), {
    readonly: true,
    fileMustExist: true,
  });
}
