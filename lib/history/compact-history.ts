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
  /** Samples older than `afterMs` are thinned to one per `stepMs`; steps grow with age. */
  tiers: { afterMs: number; stepMs: number }[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DEFAULT_HISTORY_RETENTION: HistoryRetention = {
  horizonMs: 7 * 24 * HOUR,
  tiers: [
    { afterMs: HOUR, stepMs: MINUTE },
    { afterMs: 24 * HOUR, stepMs: 10 * MINUTE },
  ],
};

const SAMPLE_TABLES = ['partition_samples', 'commit_samples', 'aggregate_samples'] as const;

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
  const getMeta = db.prepare('SELECT value FROM meta WHERE key = ?');
  const setMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  let deletedRows = 0;
  const run = db.transaction(() => {
    for (const table of SAMPLE_TABLES) {
      // An incomplete aggregate (AGGREGATE_FLAGS) gives way to a complete one in its step.
      const incomplete = (row: string) => `(${row}.flags & ${INCOMPLETE} != 0)`;
      const better =
        table === 'aggregate_samples'
          ? `(${incomplete('other')} < ${incomplete(table)} OR (${incomplete('other')} = ${incomplete(table)} AND other.t > ${table}.t))`
          : `other.t > ${table}.t`;
      const thin = db.prepare(
        `DELETE FROM ${table} WHERE series_id = @id AND t >= @from AND t < @to AND EXISTS (
           SELECT 1 FROM ${table} other WHERE other.series_id = @id AND other.t >= @from AND other.t < @to
             AND other.t / CAST(@step AS INTEGER) = ${table}.t / CAST(@step AS INTEGER) AND ${better})`,
      );
      const trim = db.prepare(`DELETE FROM ${table} WHERE series_id = ? AND t < ?`);
      for (const tier of retention.tiers) {
        const key = `compacted:${clusterId}:${table}:${tier.stepMs}`;
        // Aligned to the step so no bucket straddles two runs.
        const to = Math.floor((nowMs - tier.afterMs) / tier.stepMs) * tier.stepMs;
        const from = Number((getMeta.get(key) as { value: string } | undefined)?.value ?? 0);
        if (to <= from) continue;
        for (const id of seriesIds) deletedRows += thin.run({ id, from, to, step: tier.stepMs }).changes;
        setMeta.run(key, String(to));
      }
      for (const id of seriesIds) deletedRows += trim.run(id, nowMs - retention.horizonMs).changes;
    }
    // A topic or group that disappeared keeps its series until its last sample is past the horizon.
    return db
      .prepare(
        `DELETE FROM series WHERE cluster = ?
           AND NOT EXISTS (SELECT 1 FROM partition_samples WHERE series_id = series.id)
           AND NOT EXISTS (SELECT 1 FROM commit_samples WHERE series_id = series.id)
           AND NOT EXISTS (SELECT 1 FROM aggregate_samples WHERE series_id = series.id)`,
      )
      .run(clusterId).changes;
  });
  const deletedSeries = run();
  return { deletedRows, deletedSeries };
}
