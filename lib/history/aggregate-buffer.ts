/**
 * The aggregates of the last few minutes, held before they join aggregate_samples.
 *
 * aggregate_samples keeps each series' rows together, keyed (series, t): good for reading a
 * chart, but a cycle that adds one row to each of 1,700 series changes 1,700 b-tree pages, and
 * SQLite writes every changed page to the WAL and again to the file. Buffered for a few minutes
 * and moved in one transaction, each series' page changes once per move instead of once per
 * cycle. Each cycle's rows are also stored at once as one compressed row (pending_aggregates),
 * so a crash loses nothing: the next start reads them back. Reads merge the buffer in.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { AggregateSample } from './cycle-record';

export interface BufferedRow extends AggregateSample {
  t: number;
}

/** One cycle's aggregates by series id, as stored in pending_aggregates. */
export type CycleAggregates = [seriesId: number, sample: AggregateSample][];

const FIELDS = [
  'partitionCount',
  'endOffsetSum',
  'startOffsetSum',
  'committedSum',
  'sizeBytes',
  'lag',
  'maxTimeLagSeconds',
  'flags',
] as const satisfies readonly (keyof AggregateSample)[];

export function encodeCycleAggregates(rows: CycleAggregates): Buffer {
  const flat = rows.map(([id, sample]) => [id, ...FIELDS.map((field) => sample[field])]);
  return deflateRawSync(JSON.stringify(flat), { level: 1 });
}

export function decodeCycleAggregates(data: Buffer): CycleAggregates {
  const flat = JSON.parse(inflateRawSync(data).toString('utf8')) as (number | null)[][];
  return flat.map(([id, ...values]) => [
    id as number,
    Object.fromEntries(FIELDS.map((field, i) => [field, values[i]])) as unknown as AggregateSample,
  ]);
}

export class AggregateBuffer {
  readonly #rows = new Map<number, BufferedRow[]>();
  #oldestT: number | null = null;

  /** Time of the oldest cycle held, or null when empty. */
  get oldestT(): number | null {
    return this.#oldestT;
  }

  add(t: number, rows: CycleAggregates): void {
    for (const [id, sample] of rows) {
      const series = this.#rows.get(id) ?? [];
      if (series.length === 0) this.#rows.set(id, series);
      const row = {
        t,
        ...(Object.fromEntries(FIELDS.map((field) => [field, sample[field]])) as unknown as AggregateSample),
      };
      // Cycles arrive in time order; one that does not (a clock step back) is put in its place.
      if (series.length > 0 && series[series.length - 1].t >= t) {
        const at = series.findIndex((r) => r.t >= t);
        series.splice(at, series[at].t === t ? 1 : 0, row);
      } else series.push(row);
    }
    this.#oldestT = this.#oldestT === null ? t : Math.min(this.#oldestT, t);
  }

  /** The held rows of one series with fromMs ≤ t ≤ toMs, oldest first. */
  rowsOf(seriesId: number, fromMs: number, toMs: number): BufferedRow[] {
    return (this.#rows.get(seriesId) ?? []).filter((r) => r.t >= fromMs && r.t <= toMs);
  }

  first(seriesId: number): BufferedRow | undefined {
    return this.#rows.get(seriesId)?.[0];
  }

  latest(seriesId: number): BufferedRow | undefined {
    return this.#rows.get(seriesId)?.at(-1);
  }

  /** Every held row by series, to be written; the buffer is not emptied until `clear`. */
  entries(): IterableIterator<[number, BufferedRow[]]> {
    return this.#rows.entries();
  }

  clear(): void {
    this.#rows.clear();
    this.#oldestT = null;
  }
}
