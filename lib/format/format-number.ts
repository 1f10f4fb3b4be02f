/**
 * Human formatting for numbers on the pages: 1.2M messages, 45 MB, 3.4k msg/s.
 * Tables and tooltips show the exact value next to these (formatExact).
 */

/** Units from the smallest up: a value takes the largest unit it reaches once rounded. */
interface Unit {
  value: number;
  suffix: string;
}

const COUNT_UNITS: Unit[] = [
  { value: 1, suffix: '' },
  { value: 1e3, suffix: 'k' },
  { value: 1e6, suffix: 'M' },
  { value: 1e9, suffix: 'G' },
  { value: 1e12, suffix: 'T' },
];

// Decimal units, as Kafka's own tools and disk vendors count.
const BYTE_UNITS: Unit[] = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'].map((suffix, i) => ({ value: 1000 ** i, suffix }));

/** The decimals kept for three significant digits: 123, 12.3, 1.23, 0.12. */
const decimalsFor = (value: number) => (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);

/** Rounded to what is shown: up to three significant digits, at most two decimals. */
const roundShort = (value: number) => Number(value.toFixed(decimalsFor(value)));

const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, useGrouping: false });
const oneDigit = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 1, useGrouping: false });

/** Below what two decimals can show, one significant digit down to this; under it, "<0.001". */
const SMALLEST_SHOWN = 0.001;

/**
 * `value` in the largest unit it reaches after rounding, so 999,950 reads "1M", not
 * "1000k". A small non-zero value never reads "0": 0.004 → "0.004", 0.0004 → "<0.001".
 */
function scaled(value: number, units: Unit[], separator: string): string {
  let index = 0;
  while (index < units.length - 1 && Math.abs(value) >= units[index + 1].value) index++;
  let rounded = roundShort(value / units[index].value);
  // Rounding can reach the next unit: 999.95k is 1000k, which is 1M.
  if (Math.abs(rounded) >= 1000 && index < units.length - 1) {
    index++;
    rounded = roundShort(value / units[index].value);
  }
  const { suffix } = units[index];
  const unit = suffix === '' ? '' : separator + suffix;
  if (rounded === 0 && value !== 0) {
    if (Math.abs(value) < SMALLEST_SHOWN) return `${value < 0 ? '>-' : '<'}${SMALLEST_SHOWN}${unit}`;
    return `${oneDigit.format(value)}${unit}`;
  }
  return `${plain.format(rounded)}${unit}`;
}

/** 999 → "999", 12_345 → "12.3k", 1_234_567 → "1.23M", 999_950 → "1M"; null → "–". */
export function formatCount(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return scaled(value, COUNT_UNITS, '');
}

/** 1_500 → "1.5 kB", 45_000_000 → "45 MB", 999_999 → "1 MB" (powers of 1000); null → "–". */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return '–';
  return scaled(bytes, BYTE_UNITS, ' ');
}

/** Messages per second: "3.4k msg/s"; null (unknown) → "–". */
export function formatRate(perSecond: number | null): string {
  return perSecond === null ? '–' : `${formatCount(perSecond)} msg/s`;
}

export function formatByteRate(bytesPerSecond: number | null): string {
  return bytesPerSecond === null ? '–' : `${formatBytes(bytesPerSecond)}/s`;
}

const exact = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const exactSmall = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 });

/**
 * The exact value with thousands separators, for tooltips and tables: "1,234,567";
 * fractions to two decimals, or two significant digits below that (0.0042 → "0.0042").
 */
export function formatExact(value: number | null): string {
  if (value === null) return '–';
  return value !== 0 && Math.abs(value) < 0.01 ? exactSmall.format(value) : exact.format(value);
}

/** A fraction as a percentage: 0.734 → "73%"; above 0 but under half a percent → "<1%". */
export function formatPercent(fraction: number | null): string {
  if (fraction === null) return '–';
  if (fraction > 0 && fraction < 0.005) return '<1%';
  return `${Math.round(fraction * 100)}%`;
}

/** A lower bound reads "≥ 12.3k"; unknown ("–") stays as it is. */
export function atLeast(formatted: string, lowerBound: boolean): string {
  return lowerBound && formatted !== '–' ? `≥ ${formatted}` : formatted;
}

/**
 * `value` and `threshold` with `minDigits` decimals, or with more (up to 4 more) where
 * fewer would print them the same though they differ: a skew of 1.5003 against 1.5
 * reads "1.5003" and "1.5000", not "1.50" twice, so an alert, which fires only beyond
 * its threshold, never seems to fire at it.
 */
export function formatApart(value: number, threshold: number, minDigits: number): [value: string, threshold: string] {
  let digits = minDigits;
  while (digits < minDigits + 4 && value !== threshold && value.toFixed(digits) === threshold.toFixed(digits)) digits++;
  return [value.toFixed(digits), threshold.toFixed(digits)];
}
