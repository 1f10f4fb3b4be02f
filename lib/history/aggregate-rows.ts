/**
 * A series' aggregate rows as bytes: how the history keeps charts' data in memory (the
 * head, aggregate-head.ts) and on disk (chunks, aggregate-chunks.ts).
 *
 * Each row is written as the change from the row before it, as varints (byte-codec.ts):
 * time as the change of its step (0 for a steady poll: one byte), offsets and sizes as
 * their growth since the last row that had them, lag as its difference from the end
 * offset sum minus the committed sum (0 unless a committed offset is past its end). A
 * steady series takes 12 to 16 bytes a row instead of a database row of 60 plus its
 * b-tree page. The max time lag is kept to the millisecond.
 *
 * Also how a row is thinned (`thinRows`): the last complete row of each step.
 */
import { ByteReader, ByteWriter, CorruptFrameError } from './byte-codec';
import { isIncomplete, type AggregateSample } from './cycle-record';

export interface AggregateRow extends AggregateSample {
  t: number;
}

/** The values a row is written against: the row before it. */
interface RowContext {
  t: number;
  step: number;
  partitionCount: number;
  endOffsetSum: number;
  startOffsetSum: number;
  committedSum: number;
  sizeBytes: number;
  lag: number;
  maxTimeLagMs: number;
}

const freshContext = (): RowContext => ({
  t: 0,
  step: 0,
  partitionCount: 0,
  endOffsetSum: 0,
  startOffsetSum: 0,
  committedSum: 0,
  sizeBytes: 0,
  lag: 0,
  maxTimeLagMs: 0,
});

const toMs = (seconds: number | null) => (seconds === null ? null : Math.round(seconds * 1000));

/** Written as its change from `previous`, or null; `previous` moves to it when not null. */
function writeOptional(out: ByteWriter, value: number | null, previous: number): number {
  out.optionalSigned(value === null ? null : value - previous);
  return value ?? previous;
}

function readOptional(input: ByteReader, previous: number): number | null {
  const change = input.optionalSigned();
  return change === null ? null : previous + change;
}

/** Appends `row` to `out` against `context`, and moves the context to it. */
export function writeRow(out: ByteWriter, row: AggregateRow, context: RowContext): void {
  const step = row.t - context.t;
  out.signed(step - context.step);
  out.signed(row.partitionCount - context.partitionCount);
  out.signed(row.endOffsetSum - context.endOffsetSum);
  context.startOffsetSum = writeOptional(out, row.startOffsetSum, context.startOffsetSum);
  context.committedSum = writeOptional(out, row.committedSum, context.committedSum);
  context.sizeBytes = writeOptional(out, row.sizeBytes, context.sizeBytes);
  const expectedLag = row.committedSum === null ? context.lag : row.endOffsetSum - row.committedSum;
  out.optionalSigned(row.lag === null ? null : row.lag - expectedLag);
  if (row.lag !== null) context.lag = row.lag;
  context.maxTimeLagMs = writeOptional(out, toMs(row.maxTimeLagSeconds), context.maxTimeLagMs);
  out.unsigned(row.flags);
  context.t = row.t;
  context.step = step;
  context.partitionCount = row.partitionCount;
  context.endOffsetSum = row.endOffsetSum;
}

export function readRow(input: ByteReader, context: RowContext): AggregateRow {
  const step = context.step + input.signed();
  const t = context.t + step;
  const partitionCount = context.partitionCount + input.signed();
  const endOffsetSum = context.endOffsetSum + input.signed();
  const startOffsetSum = readOptional(input, context.startOffsetSum);
  const committedSum = readOptional(input, context.committedSum);
  const sizeBytes = readOptional(input, context.sizeBytes);
  const lagChange = input.optionalSigned();
  const expectedLag = committedSum === null ? context.lag : endOffsetSum - committedSum;
  const lag = lagChange === null ? null : expectedLag + lagChange;
  const maxTimeLagMs = readOptional(input, context.maxTimeLagMs);
  const flags = input.unsigned();
  Object.assign(context, {
    t,
    step,
    partitionCount,
    endOffsetSum,
    startOffsetSum: startOffsetSum ?? context.startOffsetSum,
    committedSum: committedSum ?? context.committedSum,
    sizeBytes: sizeBytes ?? context.sizeBytes,
    lag: lag ?? context.lag,
    maxTimeLagMs: maxTimeLagMs ?? context.maxTimeLagMs,
  });
  return {
    t,
    partitionCount,
    endOffsetSum,
    startOffsetSum,
    committedSum,
    sizeBytes,
    lag,
    maxTimeLagSeconds: maxTimeLagMs === null ? null : maxTimeLagMs / 1000,
    flags,
  };
}

/** The context a row leaves for the next one, as writeRow and readRow leave it. */
function contextAfter(row: AggregateRow): RowContext {
  const context = freshContext();
  writeRow(new ByteWriter(64), row, context);
  return context;
}

/**
 * One row against `base` (the same series' row of an earlier cycle), or on its own when
 * `base` is null: what a cycle's pending aggregates hold per series.
 */
export function writeRowAgainst(out: ByteWriter, row: AggregateRow, base: AggregateRow | null): void {
  writeRow(out, row, base ? { ...contextAfter(base), step: 0 } : freshContext());
}

export function readRowAgainst(input: ByteReader, base: AggregateRow | null): AggregateRow {
  return readRow(input, base ? { ...contextAfter(base), step: 0 } : freshContext());
}

/** Rows appended one at a time, each against the one before (a series' head). */
export class RowEncoder {
  readonly #out: ByteWriter;
  readonly #context = freshContext();
  #count = 0;

  constructor(initialBytes = 256) {
    this.#out = new ByteWriter(initialBytes);
  }

  append(row: AggregateRow): void {
    writeRow(this.#out, row, this.#context);
    this.#count++;
  }

  get count(): number {
    return this.#count;
  }

  /** The rows as one encoded block (`decodeRows` reads it). */
  encoded(): Buffer {
    const header = new ByteWriter(16);
    header.unsigned(FORMAT_VERSION);
    header.unsigned(this.#count);
    return Buffer.concat([header.bytes(), this.#out.bytes()]);
  }

  /** Bytes held, for the memory a head reports. */
  get byteLength(): number {
    return this.#out.length;
  }
}

const FORMAT_VERSION = 1;

export function encodeRows(rows: readonly AggregateRow[]): Buffer {
  const encoder = new RowEncoder(rows.length * 16 + 16);
  for (const row of rows) encoder.append(row);
  return encoder.encoded();
}

/**
 * The rows of an encoded block, in time order (one per t: of two with the same t, the one
 * appended later). Throws CorruptFrameError for bytes that are not such a block.
 */
export function decodeRows(data: Buffer): AggregateRow[] {
  const input = new ByteReader(data);
  const version = input.unsigned();
  if (version !== FORMAT_VERSION) throw new CorruptFrameError(`aggregate rows have format ${version}`);
  const count = input.unsigned();
  const context = freshContext();
  const rows: AggregateRow[] = new Array(count);
  let ordered = true;
  for (let i = 0; i < count; i++) {
    rows[i] = readRow(input, context);
    if (i > 0 && rows[i].t <= rows[i - 1].t) ordered = false;
  }
  if (!input.done) throw new CorruptFrameError('aggregate rows have bytes after their end');
  return ordered ? rows : inTimeOrder(rows);
}

/** Sorted by t, the later of two with the same t kept (a clock that stepped back). */
export function inTimeOrder(rows: readonly AggregateRow[]): AggregateRow[] {
  const byTime = new Map<number, AggregateRow>();
  for (const row of rows) byTime.set(row.t, row);
  return [...byTime.values()].sort((a, b) => a.t - b.t);
}

/**
 * One row per `stepMs` (steps aligned to the epoch): the last complete row of the step, or
 * its last row when none is complete. Every kept value is one Kafka reported; offsets are
 * counters, so a rate between two kept rows stays exact. Rows in time order.
 */
export function thinRows(rows: readonly AggregateRow[], stepMs: number): AggregateRow[] {
  const kept: AggregateRow[] = [];
  let bucket = NaN;
  for (const row of rows) {
    const rowBucket = Math.floor(row.t / stepMs);
    if (rowBucket !== bucket) {
      kept.push(row);
      bucket = rowBucket;
      continue;
    }
    const current = kept[kept.length - 1];
    if (!isIncomplete(row) || isIncomplete(current)) kept[kept.length - 1] = row;
  }
  return kept;
}

/** How many rows an encoded block holds, read from its header alone. */
export function rowCount(data: Buffer): number {
  const input = new ByteReader(data);
  input.unsigned();
  return input.unsigned();
}
