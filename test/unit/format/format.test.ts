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
});

describe('formatExact', () => {
  it('groups thousands for tooltips', () => {
    expect(formatExact(1_234_567)).toBe('1,234,567');
    expect(formatExact(null)).toBe('–');
  });
});

describe('formatPercent', () => {
  it('rounds to whole percent and may exceed 100', () => {
    expect(formatPercent(0.734)).toBe('73%');
    expect(formatPercent(1.06)).toBe('106%');
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

  it('never shows a negative duration, and a dash for unknown', () => {
    expect(formatDuration(-5)).toBe('0s');
    expect(formatDuration(null)).toBe('–');
  });
});
