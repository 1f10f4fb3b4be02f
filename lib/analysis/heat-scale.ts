/**
 * The placement heat map's one scale: a cell's shade is its value over the largest cell
 * of the whole map (not of its own row, which made 1 replica look like 50), linear in
 * the value, and blank only for none.
 */

/** The faintest shade, of the smallest non-zero cell, as a share of the darkest: some never looks like none. */
export const HEAT_FLOOR = 0.1;

/**
 * The shade of a cell from 0 (blank) to 1 (the map's largest cell): 0 for a value of 0 or
 * less, else HEAT_FLOOR + (1 − HEAT_FLOOR) × value / max. A max of 0 or less gives 0.
 */
export function heatShade(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return HEAT_FLOOR + (1 - HEAT_FLOOR) * Math.min(1, value / max);
}

/**
 * The values the legend shows a swatch for: 0, the quarters of `max` and `max`. Counts
 * (`whole`) are rounded, start at 1 and are not repeated: max 3 → 0, 1, 2, 3.
 */
export function heatLegendValues(max: number, whole: boolean): number[] {
  if (max <= 0) return [0];
  const quarters = [0.25, 0.5, 0.75, 1].map((q) => q * max);
  const values = whole ? [1, ...quarters.map(Math.round)] : quarters;
  return [0, ...new Set(values.filter((v) => v > 0))].sort((a, b) => a - b);
}
