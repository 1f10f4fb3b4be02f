/**
 * Keeps the history bounded: full resolution for the recent past, one sample per
 * step for older data, nothing past the horizon.
 *
 * Downsampling keeps the *last* real sample of each step rather than an average (of
 * aggregates, the last complete one when there is one: thinRows in aggregate-rows.ts):
 * every stored value is an offset or size Kafka really reported, and offsets are
 * counters, so rates between kept samples stay exact.
 *
 * The first tier is applied when the head is sealed into chunks (history-writer.ts); this
 * thins those chunks again for the later tiers and trims what passed the horizon.
 */
import { AggregateChunks, HOUR_MS } from './aggregate-chunks';
import type { HistoryDatabase } from './database';

export interface HistoryTier {
  /** Samples older than this are thinned to one per `stepMs`. */
  afterMs: number;
  stepMs: number;
  /** Rows are stored in chunks of this span (whole hours, a multiple of the tier before's). */
  blockMs: number;
}

export interface HistoryRetention {
  /** Samples older than this are deleted. */
  horizonMs: number;
  /** Raw frames (and an older version's raw sample rows) older than this are deleted. */
  rawHorizonMs: number;
  /** Steps grow with age; the first tier's `afterMs` is the full-resolution span. */
  tiers: HistoryTier[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How much of the raw samples a restart reloads (the analysis remembers no further back:
 * see ClusterMemory), and so how long they are kept.
 */
export const RAW_HISTORY_MS = 6 * HOUR;

export const DEFAULT_HISTORY_RETENTION: HistoryRetention = {
  horizonMs: 7 * 24 * HOUR,
  rawHorizonMs: RAW_HISTORY_MS,
  tiers: [
    { afterMs: HOUR, stepMs: MINUTE, blockMs: HOUR_MS },
    { afterMs: 24 * HOUR, stepMs: 10 * MINUTE, blockMs: 6 * HOUR_MS },
  ],
};

/** Raw samples stored a row each by older versions: only trimmed, at the raw horizon. */
const LEGACY_RAW_TABLES = ['partition_samples', 'commit_samples'] as const;

export interface CompactionResult {
  deletedRows: number;
  deletedSeries: number;
}

/**
 * Thins and trims every series of one cluster. Each tier resumes where its last run
 * stopped (kept in `meta`), and every statement seeks by time or by (series, t), so a run
 * costs about the rows it removes, not the size of the database. `liveSeries`: series the
 * head still holds rows of, kept even without a chunk.
 */
export function compactHistory(
  db: HistoryDatabase,
  clusterId: string,
  nowMs: number,
  retention: HistoryRetention = DEFAULT_HISTORY_RETENTION,
  liveSeries: Iterable<number> = [],
): CompactionResult {
  const seriesIds = db.prepare('SELECT id FROM series WHERE cluster = ?').pluck().all(clusterId) as number[];
  const run = db.transaction(() => {
    const chunks = new AggregateChunks(db);
    const deletedRows =
      trimRaw(db, clusterId, seriesIds, nowMs - retention.rawHorizonMs) +
      compactAggregates(db, chunks, clusterId, new Set(seriesIds), nowMs, retention);
    // A topic or group that disappeared keeps its series until its last sample is past the horizon.
    const kept = chunks.seriesWithChunks();
    for (const id of liveSeries) kept.add(id);
    const hasRaw = db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM partition_samples WHERE series_id = @id)
           OR EXISTS (SELECT 1 FROM commit_samples WHERE series_id = @id)`,
      )
      .pluck();
    const remove = db.prepare('DELETE FROM series WHERE id = ?');
    let deletedSeries = 0;
    for (const id of seriesIds) {
      if (kept.has(id) || hasRaw.get({ id })) continue;
      deletedSeries += remove.run(id).changes;
    }
    return { deletedRows, deletedSeries };
  });
  return run();
}

/** Deletes raw frames and legacy raw rows older than `cutoff`; a frame stays while a kept one was written against it. */
function trimRaw(db: HistoryDatabase, clusterId: string, seriesIds: number[], cutoff: number): number {
  let deleted = 0;
  for (const table of LEGACY_RAW_TABLES) {
    const trim = db.prepare(`DELETE FROM ${table} WHERE series_id = ? AND t < ?`);
    for (const id of seriesIds) deleted += trim.run(id, cutoff).changes;
  }
  return (
    deleted +
    db
      .prepare(
        `DELETE FROM raw_frames WHERE cluster = @cluster AND t < @cutoff
           AND t NOT IN (SELECT key_t FROM raw_frames WHERE cluster = @cluster AND t >= @cutoff)`,
      )
      .run({ cluster: clusterId, cutoff }).changes
  );
}

/** Thins the chunks tier by tier after the first, and deletes those past the horizon. */
function compactAggregates(
  db: HistoryDatabase,
  chunks: AggregateChunks,
  clusterId: string,
  seriesIds: ReadonlySet<number>,
  nowMs: number,
  retention: HistoryRetention,
): number {
  const getMeta = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const setMeta = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  let deleted = 0;
  for (const tier of retention.tiers.slice(1)) {
    const key = `compacted:${clusterId}:aggregate_chunks:${tier.stepMs}`;
    const to = Math.floor((nowMs - tier.afterMs) / tier.blockMs) * tier.blockMs;
    const from = Number((getMeta.get(key) as string | undefined) ?? 0);
    if (to <= from) continue;
    deleted += chunks.rethin(seriesIds, from, to, tier.blockMs, tier.stepMs);
    setMeta.run(key, String(to));
  }
  return deleted + chunks.trim(seriesIds, nowMs - retention.horizonMs);
}
