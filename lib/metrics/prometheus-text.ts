/**
 * The Prometheus text exposition format (version 0.0.4): families with HELP and
 * TYPE lines, then one line per sample. Pure, so escaping is unit-tested.
 */

export type Labels = Record<string, string>;

/**
 * A label set already in the text format (`{a="1",b="2"}`, from labelSet()): the families of
 * one subject share it (a group's offset, lag and time lag on a partition), so it is
 * formatted once rather than once per family.
 */
export type LabelSet = string & { readonly __labelSet: unique symbol };

export interface MetricSample {
  labels: Labels | LabelSet;
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
const LABEL_SPECIALS = /[\\"\n]/;
const escapeLabel = (value: string) =>
  LABEL_SPECIALS.test(value) ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') : value;
const escapeHelp = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** The labels in the text format, in their key order. */
export function labelSet(labels: Labels): LabelSet {
  let text = '';
  for (const key in labels) text += `${text ? ',' : '{'}${key}="${escapeLabel(labels[key])}"`;
  return (text ? `${text}}` : '') as LabelSet;
}

const labelsOf = (labels: Labels | LabelSet): string => (typeof labels === 'string' ? labels : labelSet(labels));

/**
 * Families without samples are left out: an empty family says nothing. A scrape at 10,000
 * partitions is ~160,000 lines: joined once from an array (a string appended to 160,000
 * times is a tree of pieces that costs more to flatten than the lines cost to make).
 */
export function toPrometheusText(families: MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    if (family.samples.length === 0) continue;
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}\n# TYPE ${family.name} ${family.type}\n`);
    for (const sample of family.samples) {
      lines.push(`${family.name}${sample.suffix ?? ''}${labelsOf(sample.labels)} ${formatValue(sample.value)}\n`);
    }
  }
  return lines.join('');
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
