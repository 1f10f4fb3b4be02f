import { describe, expect, it } from 'vitest';
import {
  durationTicks,
  hasValues,
  lagSeries,
  lagVsRatesData,
  timeLagData,
  chartWindow,
  historySinceText,
  pointsIn,
  tickStepMs,
  timeTickFormatter,
  timeTicks,
  tooltipTimeFormatter,
  timeAtX,
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

describe('tickStepMs', () => {
  it('gives each full range its round step: 3 min, 10 min, 1 h, 4 h, 1 day', () => {
    expect([15, 60, 360, 1440, 7 * 1440].map((minutes) => tickStepMs(minutes * 60_000) / 60_000)).toEqual([
      3, 10, 60, 240, 1440,
    ]);
  });

  it('gives a shorter history finer ticks: 12 minutes by 2, 40 by 10, two minutes by 30 s, 40 s by 10 s', () => {
    expect(tickStepMs(12 * 60_000)).toBe(2 * 60_000);
    expect(tickStepMs(40 * 60_000)).toBe(10 * 60_000);
    expect(tickStepMs(2 * 60_000)).toBe(30_000);
    expect(tickStepMs(40_000)).toBe(10_000);
  });

  it('steps by whole days past a week', () => {
    expect(tickStepMs(21 * 86_400_000)).toBe(3 * 86_400_000);
  });
});

describe('timeTicks', () => {
  it('puts ticks on whole multiples of three minutes over 15 minutes', () => {
    const from = Date.UTC(2026, 0, 1, 12, 1, 30);
    const to = from + 15 * 60_000;
    expect(timeTicks(from, to).map((t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      '12:03',
      '12:06',
      '12:09',
      '12:12',
      '12:15',
    ]);
  });

  it('includes both bounds when they fall on a tick', () => {
    const from = Date.UTC(2026, 0, 1, 0, 0);
    expect(timeTicks(from, from + 3_600_000)).toHaveLength(7);
  });

  it('spaces 7 days by whole days', () => {
    const from = Date.UTC(2026, 0, 1, 6);
    const ticks = timeTicks(from, from + 7 * 86_400_000);
    expect(ticks).toHaveLength(7);
    expect(ticks.every((t) => t % 86_400_000 === 0)).toBe(true);
  });
});

describe('timeTickFormatter', () => {
  const t = Date.UTC(2026, 10, 24, 14, 5, 30);

  it('shows hours and minutes on a 24-hour clock for ticks under half a day apart', () => {
    expect(timeTickFormatter(10 * 60_000, 'UTC')(t)).toBe('14:05');
    expect(timeTickFormatter(4 * 3_600_000, 'Asia/Kolkata')(t)).toBe('19:35');
  });

  it('adds the seconds to ticks under a minute apart', () => {
    expect(timeTickFormatter(15_000, 'UTC')(t)).toBe('14:05:30');
  });

  it('adds the weekday to ticks half a day apart', () => {
    expect(timeTickFormatter(12 * 3_600_000, 'UTC')(t)).toBe('Tue 14:05');
  });

  it('shows the weekday and the day of the month for ticks a day apart', () => {
    expect(timeTickFormatter(86_400_000, 'UTC')(t)).toBe('Tue 24');
  });
});

describe('chartWindow', () => {
  const from = Date.UTC(2026, 11, 2, 10, 0);
  const to = from + 3_600_000;

  it('is the whole range when the history began before it, or has no sample', () => {
    expect(chartWindow(from, to, from - 1)).toEqual({
      fromMs: from,
      toMs: to,
      startsLate: false,
      historyStartMs: from - 1,
    });
    expect(chartWindow(from, to, null).startsLate).toBe(false);
  });

  it('starts at the first sample of a history younger than the range', () => {
    const since = from + 42 * 60_000;
    expect(chartWindow(from, to, since)).toEqual({ fromMs: since, toMs: to, startsLate: true, historyStartMs: since });
  });

  it('spans at least 30 seconds, within the range, for a history seconds old', () => {
    const window = chartWindow(from, to, to - 10_000);
    expect(window.fromMs).toBe(to - 30_000);
    expect(window.startsLate).toBe(true);
  });
});

describe('pointsIn', () => {
  it("leaves out the empty buckets before the axis' start, and keeps every point of a full range", () => {
    const minute = 60_000;
    const points = [{ t: 10 * minute }, { t: 20 * minute }, { t: 30 * minute }];
    expect(pointsIn(points, chartWindow(0, 30 * minute, 15 * minute))).toEqual([
      { t: 20 * minute },
      { t: 30 * minute },
    ]);
    expect(pointsIn(points, chartWindow(0, 30 * minute, null))).toBe(points);
  });
});

describe('historySinceText', () => {
  const since = Date.UTC(2026, 10, 30, 10, 42);

  it('gives the time of day when the history began today', () => {
    expect(historySinceText(since, since + 3_600_000, 'UTC')).toBe('History since 10:42');
  });

  it('adds the date when it began on another day, in the given time zone', () => {
    expect(historySinceText(since, since + 86_400_000, 'UTC')).toBe('History since Mon 30 Nov, 10:42');
    expect(historySinceText(since, since + 3_600_000, 'Asia/Tokyo')).toBe('History since 19:42');
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

describe('timeAtX', () => {
  const window = { fromMs: 1_000_000, toMs: 1_060_000 };
  it('reads the time under a pixel of the plot, linearly over the axis', () => {
    expect(timeAtX(60, 60, 660, window)).toBe(1_000_000);
    expect(timeAtX(360, 60, 660, window)).toBe(1_030_000);
    expect(timeAtX(660, 60, 660, window)).toBe(1_060_000);
  });
  it('says nothing outside the plot or for a plot without width', () => {
    expect(timeAtX(59, 60, 660, window)).toBeNull();
    expect(timeAtX(661, 60, 660, window)).toBeNull();
    expect(timeAtX(60, 60, 60, window)).toBeNull();
  });
});
