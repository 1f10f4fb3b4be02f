import { describe, expect, it } from 'vitest';
import { bucketStepMs, chartPoints, drawnSpanMs, HISTORY_RANGES_MS, sumCounterRate } from '@/lib/history/chart-points';
import { AGGREGATE_FLAGS } from '@/lib/history/cycle-record';
import type { AggregateRow } from '@/lib/history/history-reader';

function row(t: number, overrides: Partial<AggregateRow> = {}): AggregateRow {
  return {
    t,
    partitionCount: 1,
    endOffsetSum: 0,
    startOffsetSum: 0,
    committedSum: 0,
    sizeBytes: null,
    lag: null,
    maxTimeLagSeconds: null,
    flags: 0,
    ...overrides,
  };
}

const end = (r: AggregateRow) => r.endOffsetSum;

describe('bucketStepMs', () => {
  it('divides the range into at most the given number of points', () => {
    expect(bucketStepMs(3_600_000, 1000, 180)).toBe(20_000);
  });

  it('never makes buckets finer than the poll interval', () => {
    expect(bucketStepMs(900_000, 10_000, 180)).toBe(10_000);
  });
});

describe('drawnSpanMs', () => {
  const { '15m': quarter, '1h': hour, '6h': sixHours, '7d': week } = HISTORY_RANGES_MS;

  it('is the range when the history is as long or has no sample', () => {
    expect(drawnSpanMs(hour, 2 * hour)).toBe(hour);
    expect(drawnSpanMs(hour, null)).toBe(hour);
  });

  it('is the shortest range that holds a shorter history, so its points are not one bucket wide', () => {
    expect(drawnSpanMs(week, 10 * 60_000)).toBe(quarter);
    expect(drawnSpanMs(week, 2 * hour)).toBe(sixHours);
    expect(drawnSpanMs(hour, 20 * 60_000)).toBe(hour);
    expect(drawnSpanMs(hour, 0)).toBe(quarter);
  });
});

describe('sumCounterRate', () => {
  it('is the per-second increase between two samples', () => {
    expect(sumCounterRate(row(0, { endOffsetSum: 100 }), row(10_000, { endOffsetSum: 600 }), end, 60_000)).toBe(50);
  });

  it('is unknown without a previous sample', () => {
    expect(sumCounterRate(undefined, row(10_000), end, 60_000)).toBeNull();
  });

  it('is unknown when the sum went down (a topic was recreated)', () => {
    expect(sumCounterRate(row(0, { endOffsetSum: 500 }), row(10_000, { endOffsetSum: 10 }), end, 60_000)).toBeNull();
  });

  it('is unknown when the set of partitions changed', () => {
    const before = row(0, { endOffsetSum: 100, partitionCount: 3 });
    const after = row(10_000, { endOffsetSum: 900, partitionCount: 4 });
    expect(sumCounterRate(before, after, end, 60_000)).toBeNull();
  });

  it('is unknown across a gap in collection longer than allowed', () => {
    expect(sumCounterRate(row(0), row(120_000, { endOffsetSum: 10 }), end, 60_000)).toBeNull();
  });

  it('is unknown when the counter itself is missing', () => {
    const committed = (r: AggregateRow) => r.committedSum;
    expect(sumCounterRate(row(0, { committedSum: null }), row(10_000), committed, 60_000)).toBeNull();
  });
});

describe('chartPoints', () => {
  it('keeps the last sample of each bucket and derives rates between buckets', () => {
    const rows = [0, 5, 10, 15, 20].map((s) => row(s * 1000, { endOffsetSum: s * 10, lag: s }));
    const points = chartPoints([rows], 0, 20_000, 10_000);
    expect(points.map((p) => p.t)).toEqual([10_000, 20_000]);
    // Bucket 0 ends with the sample at 5 s; bucket 1 with the one at 15 s (the 20 s sample opens bucket 2).
    expect(points.map((p) => p.lag)).toEqual([5, 15]);
    expect(points[1].produceRate).toBe(10);
  });

  it('adds series up: lags and rates sum, time lag takes the worst', () => {
    const a = [
      row(0, { endOffsetSum: 0, lag: 1, maxTimeLagSeconds: 5 }),
      row(10_000, { endOffsetSum: 100, lag: 2, maxTimeLagSeconds: 7 }),
    ];
    const b = [
      row(0, { endOffsetSum: 0, lag: 10, maxTimeLagSeconds: 50 }),
      row(10_000, { endOffsetSum: 50, lag: 20, maxTimeLagSeconds: 3 }),
    ];
    const [, second] = chartPoints([a, b], 0, 20_000, 10_000);
    expect(second.lag).toBe(22);
    expect(second.maxTimeLagSeconds).toBe(7);
    expect(second.produceRate).toBe(15);
  });

  it('leaves a bucket without samples empty instead of inventing values', () => {
    const rows = [row(0, { lag: 1 }), row(25_000, { lag: 3 })];
    const points = chartPoints([rows], 0, 30_000, 10_000);
    expect(points[1]).toMatchObject({ lag: null, produceRate: null, consumeRate: null });
  });

  it('uses a sample just before the range to give the first bucket a rate', () => {
    const rows = [row(-5_000, { endOffsetSum: 0 }), row(5_000, { endOffsetSum: 200 })];
    const [first] = chartPoints([rows], 0, 10_000, 10_000);
    expect(first.produceRate).toBe(20);
  });

  it('keeps to the maximum when the range does not start on a bucket boundary', () => {
    // 15 minutes in 5 s buckets from 12:00:02: aligned buckets would need 181.
    const from = 1_700_000_002_000;
    const step = bucketStepMs(900_000, 2000);
    expect(step).toBe(5000);
    const rows = Array.from({ length: 460 }, (_, i) => row(from - 2000 + i * 2000, { endOffsetSum: i * 2 }));
    const points = chartPoints([rows], from, from + 900_000, step);
    expect(points).toHaveLength(180);
    expect(points[0].t % step).toBe(0);
    expect(points[0].produceRate).toBe(1);
    expect(points.at(-1)!.t).toBe(from + 900_000);
  });

  it('never returns more points than the range holds buckets', () => {
    const rows = Array.from({ length: 3600 }, (_, i) => row(i * 1000, { endOffsetSum: i }));
    expect(chartPoints([rows], 0, 3_600_000, bucketStepMs(3_600_000, 1000))).toHaveLength(180);
  });

  describe('a sample over fewer partitions than its series has (partial)', () => {
    // A group's series with a partition not read: both its offset sums and its lag are incomplete.
    const partial = AGGREGATE_FLAGS.partial | AGGREGATE_FLAGS.lagUnknown;

    it('is a gap in lag, size and rates, never a drop', () => {
      const rows = [
        row(0, { endOffsetSum: 1000, lag: 44_024 }),
        row(10_000, { endOffsetSum: 700, lag: null, flags: partial }),
        row(20_000, { endOffsetSum: 1200, lag: 48_539 }),
        row(30_000, { endOffsetSum: 1300, lag: 48_600 }),
      ];
      const points = chartPoints([rows], 0, 40_000, 10_000);
      expect(points.map((p) => p.lag)).toEqual([44_024, null, 48_539, 48_600]);
      expect(points.map((p) => p.partial)).toEqual([false, true, false, false]);
      // No rate into or out of the partial sample; the next complete pair has one again.
      expect(points.map((p) => p.produceRate)).toEqual([null, null, null, 10]);
    });

    it('makes the sum over several series a gap when one of them is partial', () => {
      const a = [row(0, { lag: 10 }), row(10_000, { lag: 12 })];
      const b = [row(0, { lag: 100 }), row(10_000, { lag: null, flags: partial })];
      const [, second] = chartPoints([a, b], 0, 20_000, 10_000);
      expect(second).toMatchObject({ lag: null, partial: true, produceRate: null });
    });

    it('gives way to a complete sample in the same bucket', () => {
      const rows = [row(0, { lag: 5 }), row(1_000, { lag: 7 }), row(2_000, { lag: null, flags: partial })];
      const [point] = chartPoints([rows], 0, 10_000, 10_000);
      expect(point).toMatchObject({ lag: 7, partial: false });
    });

    it('keeps a lag summed over every group partition when only an unconsumed partition went unread', () => {
      // The cluster series: its produced total is partial (no rate), its lag is whole.
      const rows = [
        row(0, { endOffsetSum: 100, lag: 40 }),
        row(10_000, { endOffsetSum: 150, lag: 42, flags: AGGREGATE_FLAGS.partial }),
        row(20_000, { endOffsetSum: 200, lag: 44 }),
      ];
      const points = chartPoints([rows], 0, 30_000, 10_000);
      expect(points.map((p) => p.lag)).toEqual([40, 42, 44]);
      expect(points.map((p) => p.produceRate)).toEqual([null, null, null]);
      expect(points[1].partial).toBe(true);
    });

    it('does not sum rates over series when one of them has none', () => {
      const a = [row(0, { endOffsetSum: 0 }), row(10_000, { endOffsetSum: 100 })];
      const b = [row(10_000, { endOffsetSum: 50 })]; // a topic the group just started on
      const [, second] = chartPoints([a, b], 0, 20_000, 10_000);
      expect(second.produceRate).toBeNull();
    });
  });

  it('carries a time lag that is only a lower bound', () => {
    const rows = [row(0, { maxTimeLagSeconds: 2700, flags: AGGREGATE_FLAGS.timeLagLowerBound })];
    const [point] = chartPoints([rows], 0, 10_000, 10_000);
    expect(point).toMatchObject({ maxTimeLagSeconds: 2700, timeLagLowerBound: true });
  });
});
