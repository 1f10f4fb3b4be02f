/**
 * The text a chart stands for, for those who do not see it (screen readers; the drawing
 * itself is hidden from them and takes no keyboard focus): per series its latest, lowest and
 * highest value over the range, or per category its value.
 */

export interface SummarySeries {
  label: string;
  /** In time order; null is a gap. */
  values: (number | null)[];
  format: (value: number) => string;
}

/**
 * "Lag: latest 1.2k, lowest 0, highest 3.4k. Producer rate: no values in this range."
 * The latest is the last non-null value; series without any value say so.
 */
export function seriesSummary(series: SummarySeries[]): string {
  return series
    .map(({ label, values, format }) => {
      const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      if (numbers.length === 0) return `${label}: no values in this range.`;
      const latest = format(numbers[numbers.length - 1]);
      return `${label}: latest ${latest}, lowest ${format(Math.min(...numbers))}, highest ${format(Math.max(...numbers))}.`;
    })
    .join(' ');
}

/** "Leaders per broker: broker 1 12, broker 2 10." ("none" for no categories). */
export function categorySummary(
  label: string,
  items: { name: string; value: number | null }[],
  format: (value: number) => string,
): string {
  const parts = items.map(({ name, value }) => `${name} ${value === null ? 'unknown' : format(value)}`);
  return `${label}: ${parts.length > 0 ? parts.join(', ') : 'none'}.`;
}
