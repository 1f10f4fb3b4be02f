import { describe, expect, it } from 'vitest';
import { OffsetTable, type OffsetTimePoint } from '@/lib/analysis/offset-table';
import { estimateTimeLag, exactTimeLag } from '@/lib/analysis/time-lag';

const T0 = 1_700_000_000_000;

/** A point at `seconds` after T0. */
function at(seconds: number, offset: number): OffsetTimePoint {
  return { offset, t: T0 + seconds * 1000 };
}

/** Epoch ms `seconds` after T0. */
function ms(seconds: number): number {
  return T0 + seconds * 1000;
}

/** The table built by polling each point in turn. */
function tableOf(points: OffsetTimePoint[], maxPoints = 100): OffsetTable {
  return OffsetTable.of(points, maxPoints);
}

/** Its points. */
function polled(points: OffsetTimePoint[], maxPoints = 100): OffsetTimePoint[] {
  return tableOf(points, maxPoints).points();
}

describe('OffsetTable', () => {
  it('starts an empty table with the point', () => {
    expect(polled([at(0, 10)], 5)).toEqual([at(0, 10)]);
  });

  it('appends a higher offset at a later time', () => {
    expect(polled([at(0, 10), at(10, 20)])).toEqual([at(0, 10), at(10, 20)]);
  });

  it('takes room only as points come, up to its maximum', () => {
    const table = new OffsetTable(720);
    table.add(10, T0);
    table.add(10, T0 + 10_000);
    expect(table.length).toBe(1);
    expect(table.byteLength).toBeLessThanOrEqual(2 * 4 * 8);
    let offset = 10;
    for (let i = 1; i <= 2000; i++) table.add((offset += 1 + (i % 7)), T0 + i * 10_000);
    expect(table.length).toBe(720);
    expect(table.byteLength).toBeLessThanOrEqual(2 * 721 * 8);
  });

  it('finds the first point above an offset by halving', () => {
    const table = tableOf([at(0, 0), at(100, 100), at(200, 300)]);
    expect([-1, 0, 99, 100, 299, 300].map((offset) => table.firstAbove(offset))).toEqual([0, 1, 1, 2, 2, -1]);
  });

  it('keeps the first time of a flat run, when the high watermark first reached the offset', () => {
    expect(polled([at(0, 10), at(10, 20), at(20, 20), at(30, 20)])).toEqual([at(0, 10), at(10, 20)]);
  });

  it('restarts the table when the offset goes down (topic recreated or truncated)', () => {
    expect(polled([at(0, 10), at(10, 500), at(20, 3)])).toEqual([at(20, 3)]);
  });

  it('ignores a higher offset that is not later than the newest point', () => {
    expect(polled([at(0, 10), at(10, 20), at(5, 30)])).toEqual([at(0, 10), at(10, 20)]);
    expect(polled([at(0, 10), at(10, 20), at(10, 30)])).toEqual([at(0, 10), at(10, 20)]);
  });

  it('never holds more than maxPoints points and keeps the first and the last', () => {
    const table = polled(
      Array.from({ length: 50 }, (_, i) => at(i * 10, i * 7 + (i % 3))),
      8,
    );
    expect(table).toHaveLength(8);
    expect(table[0]).toEqual(at(0, 0));
    expect(table[7]).toEqual(at(490, 49 * 7 + 1));
  });

  it('drops the point its neighbours predict best, keeping the corner of an idle period', () => {
    // Steady 1 msg/s for 30 s, idle for 300 s, then 1 msg/s again.
    const table = polled([at(0, 0), at(10, 10), at(20, 20), at(30, 30), at(330, 40)], 4);
    expect(table).toEqual([at(0, 0), at(20, 20), at(30, 30), at(330, 40)]);
  });

  it('keeps at least two points even when maxPoints is smaller', () => {
    expect(polled([at(0, 0), at(10, 10), at(20, 20)], 1)).toEqual([at(0, 0), at(20, 20)]);
  });
});

describe('estimateTimeLag', () => {
  const table = tableOf([at(0, 0), at(100, 100), at(200, 300)]);
  const empty = tableOf([]);

  it('is 0, exactly, when the consumer has no lag', () => {
    expect(estimateTimeLag(table, 300, 300, ms(250))).toEqual({ seconds: 0, lowerBound: false });
    expect(estimateTimeLag(empty, 300, 300, ms(250))).toEqual({ seconds: 0, lowerBound: false });
  });

  it('treats a committed offset beyond the end as no lag', () => {
    expect(estimateTimeLag(table, 320, 300, ms(250))).toEqual({ seconds: 0, lowerBound: false });
  });

  it('is unknown with an empty table and some lag', () => {
    expect(estimateTimeLag(empty, 10, 300, ms(250))).toBeNull();
  });

  it('interpolates when the high watermark went past the committed offset', () => {
    // The high watermark reached 50 (record 49 exists) at 50 s.
    expect(estimateTimeLag(table, 49, 300, ms(250))).toEqual({ seconds: 200, lowerBound: false });
    // Second segment: 2 msg/s from 100 s, so record 199 exists at 150 s.
    expect(estimateTimeLag(table, 199, 300, ms(250))).toEqual({ seconds: 100, lowerBound: false });
  });

  it('dates a committed offset equal to a point just after that point', () => {
    // Record 100 was produced after the high watermark was 100 at 100 s: by 100.5 s.
    expect(estimateTimeLag(table, 100, 300, ms(250))?.seconds).toBeCloseTo(149.5, 9);
  });

  it('dates records produced before an idle period by when they were produced, growing while idle', () => {
    // 10 msg/s for 100 s, then the producer stops; the table stays flat at 1000.
    const idle = tableOf([at(0, 0), at(50, 500), at(100, 1000), at(160, 1000), at(3600, 1000)]);
    const early = estimateTimeLag(idle, 499, 1000, ms(3600));
    const later = estimateTimeLag(idle, 499, 1000, ms(7200));
    expect(early).toEqual({ seconds: 3550, lowerBound: false });
    expect(later).toEqual({ seconds: 7150, lowerBound: false });
  });

  it('is 0 for a caught-up consumer on an idle topic', () => {
    const idle = tableOf([at(0, 0), at(100, 1000), at(3600, 1000)]);
    expect(estimateTimeLag(idle, 1000, 1000, ms(3600))).toEqual({ seconds: 0, lowerBound: false });
  });

  it('gives the age of the table as a lower bound when the committed offset is older than the table', () => {
    expect(estimateTimeLag(tableOf([at(100, 500), at(200, 600)]), 20, 600, ms(400))).toEqual({
      seconds: 300,
      lowerBound: true,
    });
  });

  it('gives a lower bound of 0 when the committed offset is at or above the newest point', () => {
    // The high watermark moved to 350 after the table's last update at 200 s.
    expect(estimateTimeLag(table, 300, 350, ms(250))).toEqual({ seconds: 0, lowerBound: true });
    expect(estimateTimeLag(table, 320, 350, ms(250))).toEqual({ seconds: 0, lowerBound: true });
  });

  it('never goes negative when the clock is behind the table', () => {
    expect(estimateTimeLag(table, 199, 300, ms(120))).toEqual({ seconds: 0, lowerBound: false });
  });
});

describe('exactTimeLag', () => {
  it('is the seconds since the record timestamp', () => {
    expect(exactTimeLag(ms(10), ms(42.5))).toBe(32.5);
  });

  it('is 0 for a future-dated record', () => {
    expect(exactTimeLag(ms(60), ms(10))).toBe(0);
  });
});
