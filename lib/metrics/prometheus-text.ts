/**
 * The Prometheus text exposition format (version 0.0.4): families with HELP and
 * TYPE lines, then one line per sample. Pure, so escaping is unit-tested.
 */

export type Labels = Record<string, string>;

export interface MetricSample {
  labels: Labels;
  value: number;
  /** A histogram's lines are named after it with `_bucket`, `_sum` or `_count`. */
  suffix?: '_bucket' | '_sum' | '_count';
}

export interface MetricFamily {
  name: string;
  help: string;
  type: 'gauge' | 'counter' | 'histogram';
  samples: MetricSample[];
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Label values escape backslash, double quote and newline; HELP text escapes backslash and newline. */
const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const escapeHelp = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([key, value]) => `${key}="${escapeLabel(value)}"`).join(',')}}`;
}

/** Families without samples are left out: an empty family says nothing. */
export function toPrometheusText(families: MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    if (family.samples.length === 0) continue;
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      lines.push(`${family.name}${sample.suffix ?? ''}${formatLabels(sample.labels)} ${formatValue(sample.value)}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/**
 * One histogram's samples: a `_bucket` per upper bound (`le`) with the count of
 * observations at or under it, `+Inf` with all of them, then `_sum` and `_count`.
 * `cumulativeCounts[i]` belongs to `bounds[i]`.
 */
export function histogramSamples(
  labels: Labels,
  bounds: readonly number[],
  cumulativeCounts: readonly number[],
  sum: number,
  count: number,
): MetricSample[] {
  return [
    ...bounds.map((bound, i) => ({
      labels: { ...labels, le: String(bound) },
      value: cumulativeCounts[i],
      suffix: '_bucket' as const,
    })),
    { labels: { ...labels, le: '+Inf' }, value: count, suffix: '_bucket' },
    { labels, value: sum, suffix: '_sum' },
    { labels, value: count, suffix: '_count' },
  ];
}
