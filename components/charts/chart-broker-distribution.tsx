'use client';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { BrokersResponse } from '@/lib/api/schemas';
import { formatBytes, formatCount } from '@/lib/format/format-number';
import { AXIS_STROKE, CHART_MARGIN, GRID_PROPS, TOOLTIP_STYLE } from './chart-parts';
import { ChartBody } from './chart-body';
import { categorySummary } from './chart-summary';

const HEIGHT_PX = 180;
/** Skew (max over mean) from which the page calls it out: 20% above an even share. */
export const SKEW_WARNING = 1.2;

type Metric = 'leaders' | 'replicas' | 'sizeBytes';

const METRICS: { key: Metric; label: string; caption: string; format: (v: number) => string }[] = [
  { key: 'leaders', label: 'Leaders', caption: 'Leaders per broker', format: (v) => formatCount(v) },
  { key: 'replicas', label: 'Replicas', caption: 'Replicas per broker', format: (v) => formatCount(v) },
  {
    key: 'sizeBytes',
    label: 'Bytes',
    caption: 'Bytes per broker (all replicas)',
    format: (v) => formatBytes(v),
  },
];

/** Leaders, replicas and bytes per broker, each with its skew; uneven ones are called out. */
export function ChartBrokerDistribution({ data }: { data: BrokersResponse }) {
  const rows = data.brokers.map((b) => ({
    broker: `broker ${b.id}`,
    leaders: b.leaderCount,
    replicas: b.replicaCount,
    sizeBytes: b.sizeBytes,
  }));
  return (
    <div className="distribution-charts">
      {METRICS.map((metric) => {
        const skew = data.distribution.skew[metric.key];
        const uneven = skew !== null && skew >= SKEW_WARNING;
        const unknown = rows.length > 0 && rows.every((row) => row[metric.key] === null) ? unknownWhy(data) : null;
        return (
          <figure key={metric.key} className="distribution-chart" data-testid={`distribution-${metric.key}`}>
            <figcaption>
              {metric.caption} ·{' '}
              <span className={uneven ? 'error' : 'muted'} data-skew={skew ?? ''}>
                skew {skew === null ? '–' : `${skew.toFixed(2)}×`}
                {uneven ? ' (uneven)' : ''}
              </span>
            </figcaption>
            {unknown ? (
              <p className="muted chart-unavailable" data-testid={`distribution-${metric.key}-unknown`}>
                Unknown on every broker: {unknown}
              </p>
            ) : (
              <ChartBody
                heightPx={HEIGHT_PX}
                initialWidthPx={300}
                summary={categorySummary(
                  `${metric.label} per broker`,
                  rows.map((row) => ({ name: row.broker, value: row[metric.key] })),
                  metric.format,
                )}
              >
                <BarChart data={rows} margin={CHART_MARGIN} accessibilityLayer={false}>
                  <CartesianGrid {...GRID_PROPS} vertical={false} />
                  <XAxis dataKey="broker" stroke={AXIS_STROKE} />
                  <YAxis tickFormatter={metric.format} stroke={AXIS_STROKE} width={64} />
                  <Tooltip
                    formatter={(value) => [typeof value === 'number' ? metric.format(value) : '–', metric.label]}
                    contentStyle={TOOLTIP_STYLE}
                  />
                  <Bar dataKey={metric.key} fill="var(--accent)" isAnimationActive={false} />
                </BarChart>
              </ChartBody>
            )}
          </figure>
        );
      })}
    </div>
  );
}

/** Why no broker has a value (only sizes can be missing: a refused or failed DescribeLogDirs). */
function unknownWhy(data: BrokersResponse): string {
  return data.brokers.find((b) => b.sizeError)?.sizeError ?? 'no broker reported it';
}
