/**
 * Aggregate history on disk: per series, one chunk of encoded rows (aggregate-rows.ts) per
 * block of time (an hour when sealed from the head, six hours once thinned to ten minutes).
 *
 * Chunks are keyed (block start, series), time first: a seal appends one row per series at
 * the end of the b-tree, and thinning or trimming rewrites one contiguous range, so the
 * pages written are about the bytes stored. Keyed series first, every seal would change a
 * page per series (bench:storage, 10,000 partitions: most of the 9 GB a day written before).
 * A chart reads a series by looking up each block start of its range (every start is a
 * whole hour), a few hundred index lookups for a week.
 */
import type { HistoryDatabase } from './database';
import { decodeRows, encodeRows, inTimeOrder, rowCount, thinRows, type AggregateRow } from './aggregate-rows';

export const HOUR_MS = 60 * 60_000;
/** Every chunk starts on a whole hour (epoch-aligned); no block is longer than this. */
export const MAX_BLOCK_MS = 6 * HOUR_MS;

const alignDown = (t: number, stepMs: number) => Math.floor(t / stepMs) * stepMs;

interface StoredChunk {
  startT: number;
  seriesId: number;
  stepMs: number;
  data: Buffer;
}

export class AggregateChunks {
  readonly #select;
  readonly #upsert;
  readonly #delete;
  readonly #bounds;

  constructor(private readonly db: HistoryDatabase) {
    this.#select = db.prepare('SELECT data FROM aggregate_chunks WHERE start_t = ? AND series_id = ?').pluck();
    this.#upsert = db.prepare(
      `INSERT INTO aggregate_chunks (start_t, series_id, end_t, step_ms, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (start_t, series_id) DO UPDATE SET end_t = excluded.end_t, step_ms = excluded.step_ms, data = excluded.data`,
    );
    this.#delete = db.prepare('DELETE FROM aggregate_chunks WHERE start_t = ? AND series_id = ?');
    this.#bounds = db.prepare('SELECT MIN(start_t) AS first, MAX(start_t) AS last FROM aggregate_chunks');
  }

  /**
   * Stores `rows` of one series (time order) in chunks of `blockMs`, thinned to one row per
   * `stepMs`, joined with what a block already holds (a row of the same t replaces it).
   * Call inside the caller's transaction.
   */
  store(seriesId: number, rows: readonly AggregateRow[], blockMs: number, stepMs: number): void {
    let from = 0;
    while (from < rows.length) {
      const start = alignDown(rows[from].t, blockMs);
      let to = from;
      while (to < rows.length && rows[to].t < start + blockMs) to++;
      const stored = this.#select.get(start, seriesId) as Buffer | undefined;
      const block = rows.slice(from, to);
      const joined = stored ? inTimeOrder([...decodeRows(stored), ...block]) : block;
      const thinned = stepMs > 0 ? thinRows(joined, stepMs) : joined;
      this.#upsert.run(start, seriesId, thinned[thinned.length - 1].t, stepMs, encodeRows(thinned));
      from = to;
    }
  }

  /** The stored rows of one series with fromMs ≤ t ≤ toMs, oldest first. */
  rowsOf(seriesId: number, fromMs: number, toMs: number): AggregateRow[] {
    const bounds = this.#bounds.get() as { first: number | null; last: number | null };
    if (bounds.first === null || bounds.last === null) return [];
    const first = Math.max(alignDown(fromMs, HOUR_MS) - MAX_BLOCK_MS + HOUR_MS, bounds.first);
    const last = Math.min(toMs, bounds.last);
    const rows: AggregateRow[] = [];
    for (let start = first; start <= last; start += HOUR_MS) {
      const data = this.#select.get(start, seriesId) as Buffer | undefined;
      if (!data) continue;
      for (const row of decodeRows(data)) if (row.t >= fromMs && row.t <= toMs) rows.push(row);
    }
    return rows;
  }

  /** The t of the oldest stored row of one series, or null. */
  firstT(seriesId: number): number | null {
    const bounds = this.#bounds.get() as { first: number | null; last: number | null };
    if (bounds.first === null || bounds.last === null) return null;
    for (let start = bounds.first; start <= bounds.last; start += HOUR_MS) {
      const data = this.#select.get(start, seriesId) as Buffer | undefined;
      if (data) return decodeRows(data)[0]?.t ?? null;
    }
    return null;
  }

  /** The newest stored row of one series. */
  latest(seriesId: number): AggregateRow | undefined {
    const bounds = this.#bounds.get() as { first: number | null; last: number | null };
    if (bounds.first === null || bounds.last === null) return undefined;
    for (let start = bounds.last; start >= bounds.first; start -= HOUR_MS) {
      const data = this.#select.get(start, seriesId) as Buffer | undefined;
      if (data) return decodeRows(data).at(-1);
    }
    return undefined;
  }

  /**
   * Thins the blocks of `blockMs` that end at or before `beforeMs`, from `fromMs`, to one row
   * per `stepMs`: each series' chunks of a block become one. Only `seriesIds` (one cluster's)
   * are touched. Returns the rows removed.
   */
  rethin(seriesIds: ReadonlySet<number>, fromMs: number, beforeMs: number, blockMs: number, stepMs: number): number {
    const bounds = this.#bounds.get() as { first: number | null };
    if (bounds.first === null) return 0;
    const inBlock = this.db.prepare(
      'SELECT start_t AS "startT", series_id AS "seriesId", step_ms AS "stepMs", data FROM aggregate_chunks WHERE start_t >= ? AND start_t < ?',
    );
    let removed = 0;
    const end = alignDown(beforeMs, blockMs);
    for (
      let start = Math.max(alignDown(fromMs, blockMs), alignDown(bounds.first, blockMs));
      start < end;
      start += blockMs
    ) {
      const bySeries = new Map<number, StoredChunk[]>();
      for (const chunk of inBlock.all(start, start + blockMs) as StoredChunk[]) {
        if (!seriesIds.has(chunk.seriesId)) continue;
        const list = bySeries.get(chunk.seriesId) ?? [];
        if (list.length === 0) bySeries.set(chunk.seriesId, list);
        list.push(chunk);
      }
      for (const [seriesId, chunks] of bySeries) {
        if (chunks.length === 1 && chunks[0].startT === start && chunks[0].stepMs >= stepMs) continue;
        const rows = inTimeOrder(chunks.sort((a, b) => a.startT - b.startT).flatMap((c) => decodeRows(c.data)));
        const thinned = thinRows(rows, stepMs);
        for (const chunk of chunks) this.#delete.run(chunk.startT, seriesId);
        this.#upsert.run(start, seriesId, thinned[thinned.length - 1].t, stepMs, encodeRows(thinned));
        removed += rows.length - thinned.length;
      }
    }
    return removed;
  }

  /** Deletes the chunks of `seriesIds` whose last row is older than `cutoff`; returns the rows they held. */
  trim(seriesIds: ReadonlySet<number>, cutoff: number): number {
    const old = this.db
      .prepare(
        'SELECT start_t AS "startT", series_id AS "seriesId", data FROM aggregate_chunks WHERE start_t < ? AND end_t < ?',
      )
      .all(cutoff, cutoff) as StoredChunk[];
    let removed = 0;
    for (const chunk of old) {
      if (!seriesIds.has(chunk.seriesId)) continue;
      removed += rowCount(chunk.data);
      this.#delete.run(chunk.startT, chunk.seriesId);
    }
    return removed;
  }

  /** Every series id that has a chunk. */
  seriesWithChunks(): Set<number> {
    return new Set(this.db.prepare('SELECT DISTINCT series_id FROM aggregate_chunks').pluck().all() as number[]);
  }
}

/**
 * Moves the rows an older version stored one per sample (aggregate_samples) into chunks of
 * six hours, as they were thinned then (the tiers thin them further as they age), and
 * empties that table. Run once, by the migration that made aggregate_chunks.
 */
export function convertAggregateSamples(db: HistoryDatabase): void {
  const chunks = new AggregateChunks(db);
  const series = db.prepare('SELECT DISTINCT series_id FROM aggregate_samples').pluck().all() as number[];
  const rowsOf = db.prepare(
    `SELECT t, partition_count AS "partitionCount", end_offset_sum AS "endOffsetSum",
       start_offset_sum AS "startOffsetSum", committed_sum AS "committedSum", size_bytes AS "sizeBytes", lag,
       max_time_lag_seconds AS "maxTimeLagSeconds", flags
     FROM aggregate_samples WHERE series_id = ? ORDER BY t`,
  );
  for (const id of series) chunks.store(id, rowsOf.all(id) as AggregateRow[], MAX_BLOCK_MS, 0);
  db.exec('DELETE FROM aggregate_samples');
}
