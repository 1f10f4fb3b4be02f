/**
 * Human formatting for numbers on the pages: 1.2M messages, 45 MB, 3.4k msg/s.
 * Tables and tooltips show the exact value next to these (formatExact).
 */

const COUNT_UNITS = [
  { value: 1e12, suffix: 'T' },
  { value: 1e9, suffix: 'G' },
  { value: 1e6, suffix: 'M' },
  { value: 1e3, suffix: 'k' },
];

// Decimal units, as Kafka's own tools and disk vendors count.
const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** Up to three significant digits, without a trailing ".0": 1.23, 12.3, 123. */
function short(value: number): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return String(Number(value.toFixed(digits)));
}

/** 999 → "999", 12_345 → "12.3k", 1_234_567 → "1.23M"; null → "–". */
export function formatCount(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const unit = COUNT_UNITS.find((u) => Math.abs(value) >= u.value);
  return unit ? `${short(value / unit.value)}${unit.suffix}` : short(value);
}

/** 1_500 → "1.5 kB", 45_000_000 → "45 MB" (powers of 1000); null → "–". */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return '–';
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${short(value)} ${BYTE_UNITS[unit]}`;
}

/** Messages per second: "3.4k msg/s"; null (unknown) → "–". */
export function formatRate(perSecond: number | null): string {
  return perSecond === null ? '–' : `${formatCount(perSecond)} msg/s`;
}

export function formatByteRate(bytesPerSecond: number | null): string {
  return bytesPerSecond === null ? '–' : `${formatBytes(bytesPerSecond)}/s`;
}

/** The exact value with thousands separators, for tooltips and tables: "1,234,567". */
export function formatExact(value: number | null): string {
  return value === null ? '–' : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** A fraction as a percentage: 0.734 → "73%". */
export function formatPercent(fraction: number | null): string {
  return fraction === null ? '–' : `${Math.round(fraction * 100)}%`;
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
