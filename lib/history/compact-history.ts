/**
 * Keeps the history bounded: full resolution for the recent past, one sample per
 * step for older data, nothing past the horizon.
 *
 * Downsampling keeps the *last* real sample of each step rather than an average (of
 * aggregates, the last complete one when there is one):
 * every stored value is an offset or size Kafka really reported, and offsets are
 * counters, so rates between kept samples stay exact.
 */
import { INCOMPLETE } from './cycle-record';
import type { HistoryDatabase } from './database';

export interface HistoryRetention {
  /** Samples older than this are deleted. */
  horizonMs: number;
  /** Raw frames (and an older version's raw sample rows) older than this are deleted. */
  rawHorizonMs: number;
  /** Samples older than `afterMs` are thinned to one per `stepMs`; steps grow with age. */
  tiers: { afterMs: number; stepMs: number }[];
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
    { afterMs: HOUR, stepMs: MINUTE },
    { afterMs: 24 * HOUR, stepMs: 10 * MINUTE },
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
 * stopped (kept in `meta`), and every statement seeks by (series, t), so a run costs
 * about the rows it removes, not the size of the database.
 */
export function compactHistory(
  db: HistoryDatabase,
  clusterId: string,
  nowMs: number,
  retention: HistoryRetention = DEFAULT_HISTORY_RETENTION,
): CompactionResult {
  const seriesIds = (db.prepare('SELECT id FROM series WHERE cluster = ?').all(clusterId) as { id: number }[]).map(
    (r) => r.id,
  );
  const run = db.transaction(() => {
    const deletedRows =
      trimRaw(db, clusterId, seriesIds, nowMs - retention.rawHorizonMs) +
      compactAggregates(db, clusterId, seriesIds, nowMs, retention);
    // A topic or group that disappeared keeps its series until its last sample is past the horizon.
    const deletedSeries = db
      .prepare(
        `DELETE FROM series WHERE cluster = ?
           AND NOT EXISTS (SELECT 1 FROM partition_samples WHERE series_id = series.id)
           AND NOT EXISTS (SELECT 1 FROM commit_samples WHERE series_id = series.id)
           AND NOT EXISTS (SELECT 1 FROM aggregate_samples WHERE series_id = series.id)`,
      )
      .run(clusterId).changes;
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

/** Thins the aggregates tier by tier and deletes those past the horizon. */
function compactAggregates(
  db: HistoryDatabase,
  clusterId: string,
  seriesIds: number[],
  nowMs: number,
  retention: HistoryRetention,
): number {
  const getMeta = db.prepare('SELECT value FROM meta WHERE key = ?');
  const setMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  // An incomplete aggregate (AGGREGATE_FLAGS) gives way to a complete one in its step.
  const incomplete = (row: string) => `(${row}.flags & ${INCOMPLETE} != 0)`;
  const better = `(${incomplete('other')} < ${incomplete('a')} OR (${incomplete('other')} = ${incomplete('a')} AND other.t > a.t))`;
  const thin = db.prepare(
    `DELETE FROM aggregate_samples AS a WHERE series_id = @id AND t >= @from AND t < @to AND EXISTS (
       SELECT 1 FROM aggregate_samples other WHERE other.series_id = @id AND other.t >= @from AND other.t < @to
         AND other.t / CAST(@step AS INTEGER) = a.t / CAST(@step AS INTEGER) AND ${better})`,
  );
  const trim = db.prepare('DELETE FROM aggregate_samples WHERE series_id = ? AND t < ?');
  let deleted = 0;
  for (const tier of retention.tiers) {
    // The key keeps the table's name, as the versions that thinned raw rows too wrote it.
    const key = `compacted:${clusterId}:aggregate_samples:${tier.stepMs}`;
    // Aligned to the step so no bucket straddles two runs.
    const to = Math.floor((nowMs - tier.afterMs) / tier.stepMs) * tier.stepMs;
    const from = Number((getMeta.get(key) as { value: string } | undefined)?.value ?? 0);
    if (to <= from) continue;
    for (const id of seriesIds) deleted += thin.run({ id, from, to, step: tier.stepMs }).changes;
    setMeta.run(key, String(to));
  }
  for (const id of seriesIds) deleted += trim.run(id, nowMs - retention.horizonMs).changes;
  return deleted;
}
