/**
 * The head of the aggregate history: every series' rows at full resolution since the last
 * seal, in memory, each series encoded as one run of bytes (aggregate-rows.ts, ~15 bytes a
 * row). Charts of the last hour read them from here; a seal (history-writer.ts) moves the
 * rows older than the full-resolution span, thinned, into chunks on disk.
 *
 * Each cycle's rows are also stored at once as one compressed row of pending_aggregates, so a
 * crash loses nothing: the next start rebuilds the head from them. Rows of one series reach
 * the disk twice in all (pending, then thinned in its chunk) instead of once per cycle and
 * again at each thinning, which is what a row per sample in a b-tree cost (bench:storage).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ByteReader, ByteWriter, CorruptFrameError } from './byte-codec';
import type { AggregateSample } from './cycle-record';
import { decodeRows, readRowAgainst, RowEncoder, writeRowAgainst, type AggregateRow } from './aggregate-rows';

/** One cycle's aggregates by series id, as stored in pending_aggregates. */
export type CycleAggregates = [seriesId: number, sample: AggregateSample][];

/** Format 2: every row on its own. Format 3: rows against the cycle before (`base`) where it had the series. */
const PENDING_ALONE = 2;
const PENDING_AGAINST_BASE = 3;

/** A cycle's rows by series id, as decoded: what the next cycle's rows may be written against. */
export type PendingCycle = { t: number; rows: Map<number, AggregateRow> };

/**
 * One cycle's rows, compressed: a series id (as its change from the one before) and the row,
 * each; with `base`, a series' row as its change from that cycle's row of the series (a
 * third fewer bytes at 10,000 partitions than rows on their own).
 */
export function encodeCycleAggregates(t: number, rows: CycleAggregates, base: PendingCycle | null = null): Buffer {
  const out = new ByteWriter(rows.length * 24 + 64);
  out.unsigned(base ? PENDING_AGAINST_BASE : PENDING_ALONE);
  if (base) out.unsigned(base.t);
  out.unsigned(rows.length);
  let previousId = 0;
  for (const [id, sample] of rows) {
    out.signed(id - previousId);
    previousId = id;
    if (!base) {
      writeRowAgainst(out, { ...sample, t }, null);
      continue;
    }
    const against = base.rows.get(id) ?? null;
    out.unsigned(against ? 1 : 0);
    writeRowAgainst(out, { ...sample, t }, against);
  }
  return deflateRawSync(out.bytes(), { level: 1 });
}

/**
 * The rows of one pending cycle. One written against a base needs that cycle (`baseAt`
 * finds it by t): without it, a CorruptFrameError. Also reads the JSON rows an older
 * version stored.
 */
export function decodeCycleAggregates(
  data: Buffer,
  baseAt: (t: number) => PendingCycle | undefined = () => undefined,
): CycleAggregates {
  let bytes: Buffer;
  try {
    bytes = inflateRawSync(data);
  } catch (error) {
    throw new CorruptFrameError(`pending aggregates do not inflate: ${(error as Error).message}`);
  }
  if (bytes[0] === 0x5b /* '[' */) return decodeLegacyCycle(bytes);
  const input = new ByteReader(bytes);
  const format = input.unsigned();
  if (format !== PENDING_ALONE && format !== PENDING_AGAINST_BASE) {
    throw new CorruptFrameError(`pending aggregates have format ${format}`);
  }
  let base: PendingCycle | null = null;
  if (format === PENDING_AGAINST_BASE) {
    const baseT = input.unsigned();
    base = baseAt(baseT) ?? null;
    if (!base) throw new CorruptFrameError(`pending aggregates need the cycle at ${baseT}, which is not stored`);
  }
  const rows: CycleAggregates = new Array(input.unsigned());
  let id = 0;
  for (let i = 0; i < rows.length; i++) {
    id += input.signed();
    let against: AggregateRow | null = null;
    if (base && input.unsigned() === 1) {
      against = base.rows.get(id) ?? null;
      if (!against) throw new CorruptFrameError(`pending aggregates need series ${id} of the cycle at ${base.t}`);
    }
    const sample: AggregateSample & { t?: number } = readRowAgainst(input, against);
    delete sample.t;
    rows[i] = [id, sample];
  }
  if (!input.done) throw new CorruptFrameError('pending aggregates have bytes after their end');
  return rows;
}

const LEGACY_FIELDS = [
  'partitionCount',
  'endOffsetSum',
  'startOffsetSum',
  'committedSum',
  'sizeBytes',
  'lag',
  'maxTimeLagSeconds',
  'flags',
] as const satisfies readonly (keyof AggregateSample)[];

function decodeLegacyCycle(bytes: Buffer): CycleAggregates {
  const flat = JSON.parse(bytes.toString('utf8')) as (number | null)[][];
  return flat.map(([id, ...values]) => [
    id as number,
    Object.fromEntries(LEGACY_FIELDS.map((field, i) => [field, values[i]])) as unknown as AggregateSample,
  ]);
}

interface SeriesHead {
  encoder: RowEncoder;
  first: AggregateRow;
  latest: AggregateRow;
}

export class AggregateHead {
  readonly #series = new Map<number, SeriesHead>();
  #oldestT: number | null = null;

  /** Time of the oldest row held, or null when empty. */
  get oldestT(): number | null {
    return this.#oldestT;
  }

  add(t: number, rows: CycleAggregates): void {
    for (const [id, sample] of rows) this.#append(id, { ...sample, t });
    this.#oldestT = this.#oldestT === null ? t : Math.min(this.#oldestT, t);
  }

  #append(id: number, row: AggregateRow): void {
    const head = this.#series.get(id);
    if (!head) {
      const encoder = new RowEncoder();
      encoder.append(row);
      this.#series.set(id, { encoder, first: row, latest: row });
      return;
    }
    head.encoder.append(row);
    if (row.t >= head.latest.t) head.latest = row;
    if (row.t < head.first.t) head.first = row;
  }

  /** Every row held of one series, oldest first. */
  rows(seriesId: number): AggregateRow[] {
    const head = this.#series.get(seriesId);
    return head ? decodeRows(head.encoder.encoded()) : [];
  }

  /** The rows held of one series with fromMs ≤ t ≤ toMs, oldest first. */
  rowsOf(seriesId: number, fromMs: number, toMs: number): AggregateRow[] {
    const head = this.#series.get(seriesId);
    if (!head || head.latest.t < fromMs || head.first.t > toMs) return [];
    return this.rows(seriesId).filter((r) => r.t >= fromMs && r.t <= toMs);
  }

  first(seriesId: number): AggregateRow | undefined {
    return this.#series.get(seriesId)?.first;
  }

  latest(seriesId: number): AggregateRow | undefined {
    return this.#series.get(seriesId)?.latest;
  }

  seriesIds(): IterableIterator<number> {
    return this.#series.keys();
  }

  /**
   * Takes out every row older than `cutoff`, by series (for the seal), and keeps the rest.
   * The head is only changed by `commit`, once the caller has stored what it took.
   */
  before(cutoff: number): { taken: Map<number, AggregateRow[]>; commit: () => void } {
    const taken = new Map<number, AggregateRow[]>();
    const kept = new Map<number, AggregateRow[]>();
    for (const [id, head] of this.#series) {
      if (head.first.t >= cutoff) continue;
      const rows = this.rows(id);
      const at = rows.findIndex((r) => r.t >= cutoff);
      taken.set(id, at < 0 ? rows : rows.slice(0, at));
      kept.set(id, at < 0 ? [] : rows.slice(at));
    }
    const commit = () => {
      for (const [id, rows] of kept) {
        this.#series.delete(id);
        for (const row of rows) this.#append(id, row);
      }
      let oldest: number | null = null;
      for (const head of this.#series.values())
        oldest = oldest === null ? head.first.t : Math.min(oldest, head.first.t);
      this.#oldestT = oldest;
    };
    return { taken, commit };
  }

  /** Bytes the head's rows take (for the bench). */
  get byteLength(): number {
    let bytes = 0;
    for (const head of this.#series.values()) bytes += head.encoder.byteLength;
    return bytes;
  }
}
