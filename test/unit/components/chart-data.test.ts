import { describe, expect, it } from 'vitest';
import {
  durationTicks,
  hasValues,
  lagSeries,
  lagVsRatesData,
  timeLagData,
  timeTickFormatter,
  timeTicks,
  tooltipTimeFormatter,
} from '@/components/charts/chart-data';
import type { GroupHistoryPoint } from '@/lib/api/history-schemas';

function point(t: number, overrides: Partial<GroupHistoryPoint> = {}): GroupHistoryPoint {
  return {
    t,
    lag: null,
    timeLagSeconds: null,
    timeLagLowerBound: false,
    produceRate: null,
    consumeRate: null,
    partial: false,
    ...overrides,
  };
}

describe('lagVsRatesData', () => {
  it('maps each point to lag, producer rate and consumer rate at the same time', () => {
    expect(lagVsRatesData([point(10_000, { lag: 5, produceRate: 20, consumeRate: 4.5 })])).toEqual([
      { t: 10_000, lag: 5, producerRate: 20, consumerRate: 4.5 },
    ]);
  });

  it('keeps unknown values as null so the chart draws a gap rather than a zero', () => {
    expect(lagVsRatesData([point(1), point(2, { lag: 0 })])).toEqual([
      { t: 1, lag: null, producerRate: null, consumerRate: null },
      { t: 2, lag: 0, producerRate: null, consumerRate: null },
    ]);
  });
});

describe('timeLagData', () => {
  it('keeps the time and the time lag in seconds, nulls included, and whether it is a lower bound', () => {
    expect(
      timeLagData([
        point(1, { timeLagSeconds: 12.5, lag: 3 }),
        point(2),
        point(3, { timeLagSeconds: 2700, timeLagLowerBound: true }),
      ]),
    ).toEqual([
      { t: 1, timeLagSeconds: 12.5, lowerBound: false },
      { t: 2, timeLagSeconds: null, lowerBound: false },
      { t: 3, timeLagSeconds: 2700, lowerBound: true },
    ]);
  });
});

describe('hasValues', () => {
  it('is false when every listed series is a gap', () => {
    expect(hasValues(lagVsRatesData([point(1), point(2)]), ['lag', 'producerRate'])).toBe(false);
  });

  it('counts a zero as a value', () => {
    expect(hasValues(lagVsRatesData([point(1), point(2, { consumeRate: 0 })]), ['lag', 'consumerRate'])).toBe(true);
  });

  it('ignores series that are not listed', () => {
    expect(hasValues(lagVsRatesData([point(1, { produceRate: 3 })]), ['lag'])).toBe(false);
  });
});

describe('lagSeries', () => {
  it('lists the lag values in time order without the gaps', () => {
    expect(lagSeries(lagVsRatesData([point(1, { lag: 4 }), point(2), point(3, { lag: 9 })]))).toEqual([4, 9]);
  });
});

describe('timeTicks', () => {
  it('puts ticks on whole multiples of three minutes over 15 minutes', () => {
    const from = Date.UTC(2026, 0, 1, 12, 1, 30);
    const to = from + 15 * 60_000;
    expect(timeTicks(from, to, '15m').map((t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      '12:03',
      '12:06',
      '12:09',
      '12:12',
      '12:15',
    ]);
  });

  it('includes both bounds when they fall on a tick', () => {
    const from = Date.UTC(2026, 0, 1, 0, 0);
    expect(timeTicks(from, from + 3_600_000, '1h')).toHaveLength(7);
  });

  it('spaces 7 days by whole days', () => {
    const from = Date.UTC(2026, 0, 1, 6);
    const ticks = timeTicks(from, from + 7 * 86_400_000, '7d');
    expect(ticks).toHaveLength(7);
    expect(ticks.every((t) => t % 86_400_000 === 0)).toBe(true);
  });
});

describe('timeTickFormatter', () => {
  const t = Date.UTC(2026, 10, 24, 14, 5, 30);

  it('shows hours and minutes on a 24-hour clock for ranges up to a day', () => {
    expect(timeTickFormatter('1h', 'UTC')(t)).toBe('14:05');
    expect(timeTickFormatter('24h', 'Asia/Kolkata')(t)).toBe('19:35');
  });

  it('shows the weekday and the day of the month over 7 days', () => {
    expect(timeTickFormatter('7d', 'UTC')(t)).toBe('Tue 24');
  });
});

describe('tooltipTimeFormatter', () => {
  it('shows the day, the month and the time to the second', () => {
    expect(tooltipTimeFormatter('UTC')(Date.UTC(2026, 10, 24, 4, 5, 6))).toBe('24 Nov, 04:05:06');
  });
});

describe('durationTicks', () => {
  it('is a single zero tick without data', () => {
    expect(durationTicks(0)).toEqual([0]);
    expect(durationTicks(Number.NaN)).toEqual([0]);
  });

  it('uses the smallest round step that reaches the maximum in at most four intervals', () => {
    expect(durationTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(durationTicks(100)).toEqual([0, 30, 60, 90, 120]);
    expect(durationTicks(3 * 3600 + 1)).toEqual([0, 3600, 7200, 10800, 14400]);
  });

  it('ends at or above the maximum', () => {
    for (const max of [1, 59, 61, 599, 86_399, 90_000]) {
      const ticks = durationTicks(max);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(5);
    }
  });

  it('steps by whole days past the largest listed step', () => {
    expect(durationTicks(10 * 86_400)).toEqual([0, 3, 6, 9, 12].map((d) => d * 86_400));
  });
});
