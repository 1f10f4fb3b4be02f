import { describe, expect, it } from 'vitest';
import { formatDuration } from '@/lib/format/format-duration';
import {
  formatByteRate,
  formatBytes,
  formatCount,
  formatExact,
  formatPercent,
  formatRate,
} from '@/lib/format/format-number';

describe('formatCount', () => {
  it('keeps small numbers as they are', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
  });

  it('shortens thousands, millions and billions to three significant digits', () => {
    expect(formatCount(12_345)).toBe('12.3k');
    expect(formatCount(1_234_567)).toBe('1.23M');
    expect(formatCount(1_200_000)).toBe('1.2M');
    expect(formatCount(987_654_321_000)).toBe('988G');
  });

  it('rounds fractional rates', () => {
    expect(formatCount(16.2216)).toBe('16.2');
    expect(formatCount(0.333)).toBe('0.33');
  });

  it('rounds before choosing the unit, so a value just under a unit reads as one of it', () => {
    expect(formatCount(999_950)).toBe('1M');
    expect(formatCount(999_499)).toBe('999k');
    expect(formatCount(999.6)).toBe('1k');
    expect(formatCount(999_999_999)).toBe('1G');
    expect(formatCount(99.996)).toBe('100');
    expect(formatCount(9.999)).toBe('10');
  });

  it('never shows a small non-zero value as 0', () => {
    expect(formatCount(0.004)).toBe('0.004');
    expect(formatCount(0.0049)).toBe('0.005');
    expect(formatCount(0.0004)).toBe('<0.001');
    expect(formatCount(0.01)).toBe('0.01');
  });

  it('shows a dash for unknown values', () => {
    expect(formatCount(null)).toBe('–');
    expect(formatCount(Number.NaN)).toBe('–');
  });
});

describe('formatBytes', () => {
  it('uses decimal units', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1_500)).toBe('1.5 kB');
    expect(formatBytes(45_000_000)).toBe('45 MB');
    expect(formatBytes(3_210_000_000_000)).toBe('3.21 TB');
  });

  it('rounds before choosing the unit', () => {
    expect(formatBytes(999_999)).toBe('1 MB');
    expect(formatBytes(999_499)).toBe('999 kB');
    expect(formatBytes(999.7)).toBe('1 kB');
    expect(formatBytes(999_999_999_999_999_999)).toBe('1000 PB');
  });

  it('shows a dash for unknown sizes', () => {
    expect(formatBytes(null)).toBe('–');
  });
});

describe('formatRate and formatByteRate', () => {
  it('names the unit per second', () => {
    expect(formatRate(3_400)).toBe('3.4k msg/s');
    expect(formatByteRate(45_000_000)).toBe('45 MB/s');
    expect(formatRate(null)).toBe('–');
  });

  it('keeps a trickle visible: one message every four minutes is not "0 msg/s"', () => {
    expect(formatRate(0.004)).toBe('0.004 msg/s');
    expect(formatRate(0.00001)).toBe('<0.001 msg/s');
    expect(formatRate(0)).toBe('0 msg/s');
    expect(formatByteRate(0.5)).toBe('0.5 B/s');
  });
});

describe('formatExact', () => {
  it('groups thousands for tooltips', () => {
    expect(formatExact(1_234_567)).toBe('1,234,567');
    expect(formatExact(null)).toBe('–');
  });

  it('keeps two decimals, or two significant digits for smaller fractions', () => {
    expect(formatExact(16.2216)).toBe('16.22');
    expect(formatExact(0.0042)).toBe('0.0042');
    expect(formatExact(0)).toBe('0');
  });
});

describe('formatPercent', () => {
  it('rounds to whole percent and may exceed 100', () => {
    expect(formatPercent(0.734)).toBe('73%');
    expect(formatPercent(1.06)).toBe('106%');
  });

  it('says "<1%" for a share above 0 that rounds to nothing', () => {
    expect(formatPercent(0.004)).toBe('<1%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.005)).toBe('1%');
  });
});

describe('formatDuration', () => {
  it('gives seconds under a minute', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(44.6)).toBe('45s');
  });

  it('gives the two largest units above that, dropping a zero second unit', () => {
    expect(formatDuration(725)).toBe('12m 5s');
    expect(formatDuration(3 * 3600 + 12 * 60)).toBe('3h 12m');
    expect(formatDuration(7200)).toBe('2h');
    expect(formatDuration(2 * 86400 + 4 * 3600 + 59)).toBe('2d 4h');
  });

  it('rounds before choosing the unit: 59.6 s is a minute, 3599.7 s an hour', () => {
    expect(formatDuration(59.6)).toBe('1m');
    expect(formatDuration(3599.7)).toBe('1h');
  });

  it('never shows a negative duration, and a dash for unknown', () => {
    expect(formatDuration(-5)).toBe('0s');
    expect(formatDuration(null)).toBe('–');
  });
});
