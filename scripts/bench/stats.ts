/**
 * Min, median and max over the measured cycles.
 */
export interface Stats {
  min: number;
  median: number;
  max: number;
}

/** The median of an even count is the mean of the two middle values. `values` must not be empty. */
export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1] };
}

export function formatStats(s: Stats, unit: string, format: (value: number) => string = String): string {
  return `min ${format(s.min)}${unit}, median ${format(s.median)}${unit}, max ${format(s.max)}${unit}`;
}

/** "12" when every cycle agreed, else "12 (min 11, max 14)". */
export function spreadPhrase(s: Stats, format: (value: number) => string = String): string {
  return s.min === s.max ? format(s.median) : `${format(s.median)} (min ${format(s.min)}, max ${format(s.max)})`;
}
