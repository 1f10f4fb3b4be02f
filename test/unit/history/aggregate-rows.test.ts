import { describe, expect, it } from 'vitest';
import {
  decodeRows,
  encodeRows,
  RowEncoder,
  rowCount,
  thinRows,
  type AggregateRow,
} from '@/lib/history/aggregate-rows';
import { CorruptFrameError } from '@/lib/history/byte-codec';
import { AGGREGATE_FLAGS } from '@/lib/history/cycle-record';

const row = (t: number, end: number, extra: Partial<AggregateRow> = {}): AggregateRow => ({
  t,
  partitionCount: 3,
  endOffsetSum: end,
  startOffsetSum: 0,
  committedSum: end - 7,
  sizeBytes: end * 700,
  lag: 7,
  maxTimeLagSeconds: 1.25,
  flags: 0,
  ...extra,
});

describe('aggregate rows', () => {
  it('decode to the rows encoded: nulls, values going down, lag that is not end minus committed, and sub-second time lag', () => {
    const rows = [
      row(1_700_000_000_000, 5_000_000_000_000),
      row(1_700_000_010_000, 5_000_000_000_900, {
        lag: null,
        maxTimeLagSeconds: null,
        flags: AGGREGATE_FLAGS.lagUnknown,
      }),
      row(1_700_000_020_000, 5_000_000_001_000, { committedSum: null, sizeBytes: null, startOffsetSum: null, lag: 42 }),
      // Partitions deleted: the sums go down; a committed offset past the end: lag is not end − committed.
      row(1_700_000_031_000, 4_000_000_000_000, { partitionCount: 2, lag: 0, committedSum: 4_000_000_000_010 }),
      row(1_700_000_041_000, 4_000_000_000_500, { maxTimeLagSeconds: 0.001, startOffsetSum: 123 }),
    ];
    expect(decodeRows(encodeRows(rows))).toEqual(rows);
  });

  it('take a few bytes a row for a steady series', () => {
    const rows = Array.from({ length: 360 }, (_, i) =>
      row(1_700_000_000_000 + i * 10_000, 1_000_000 + i * 4_000, { maxTimeLagSeconds: 2 + (i % 5) / 10 }),
    );
    const bytes = encodeRows(rows).length;
    expect(bytes / rows.length).toBeLessThan(16);
    expect(rowCount(encodeRows(rows))).toBe(360);
  });

  it('append one at a time to the same bytes as encoded at once, and come back in time order after a clock step back', () => {
    const encoder = new RowEncoder(16);
    const rows = [row(3000, 30), row(4000, 40), row(2000, 20), row(4000, 41)];
    for (const r of rows) encoder.append(r);
    expect(encoder.encoded()).toEqual(encodeRows(rows));
    expect(decodeRows(encoder.encoded()).map((r) => [r.t, r.endOffsetSum])).toEqual([
      [2000, 20],
      [3000, 30],
      [4000, 41],
    ]);
  });

  it('refuse bytes that are not rows', () => {
    const data = encodeRows([row(1000, 1), row(2000, 2)]);
    expect(() => decodeRows(data.subarray(0, data.length - 3))).toThrow(CorruptFrameError);
    expect(() => decodeRows(Buffer.concat([data, Buffer.from([1])]))).toThrow(CorruptFrameError);
    expect(() => decodeRows(Buffer.from([9, 0]))).toThrow(/format 9/);
  });
});

describe('thinRows', () => {
  it('keeps the last row of each step, or the last complete one when a later one is incomplete', () => {
    const partial = { flags: AGGREGATE_FLAGS.partial, lag: null };
    const rows = [
      row(0, 1),
      row(20_000, 2),
      row(40_000, 3, partial),
      row(60_000, 4),
      row(110_000, 5),
      row(120_000, 6, partial),
      row(170_000, 7, partial),
    ];
    expect(thinRows(rows, 60_000).map((r) => r.endOffsetSum)).toEqual([2, 5, 7]);
  });
});
