'use client';
import { useSyncExternalStore } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BrokersResponse } from '@/lib/api/schemas';
import { formatBytes, formatCount } from '@/lib/format/format-number';

const HEIGHT_PX = 180;
/** Skew (max over mean) from which the page calls it out: 20% above an even share. */
export const SKEW_WARNING = 1.2;
const noSubscription = () => () => undefined;

type Metric = 'leaders' | 'replicas' | 'sizeBytes';

const METRICS: { key: Metric; label: string; format: (v: number) => string }[] = [
  { key: 'leaders', label: 'Leaders', format: (v) => formatCount(v) },
  { key: 'replicas', label: 'Replicas', format: (v) => formatCount(v) },
  { key: 'sizeBytes', label: 'Bytes', format: (v) => formatBytes(v) },
];

/** Leaders, replicas and bytes per broker, each with its skew; uneven ones are called out. */
export function ChartBrokerDistribution({ data }: { data: BrokersResponse }) {
  const mounted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
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
        return (
          <figure key={metric.key} className="distribution-chart" data-testid={`distribution-${metric.key}`}>
            <figcaption>
              {metric.label} per broker ·{' '}
              <span className={uneven ? 'error' : 'muted'} data-skew={skew ?? ''}>
                skew {skew === null ? '–' : `${skew.toFixed(2)}×`}
                {uneven ? ' (uneven)' : ''}
              </span>
            </figcaption>
            {mounted ? (
              <ResponsiveContainer width="100%" height={HEIGHT_PX} initialDimension={{ width: 300, height: HEIGHT_PX }}>
                <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
                  <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="broker" stroke="var(--muted)" />
                  <YAxis tickFormatter={metric.format} stroke="var(--muted)" width={64} />
                  <Tooltip
                    formatter={(value) => [typeof value === 'number' ? metric.format(value) : '–', metric.label]}
                    contentStyle={{
                      background: 'var(--panel)',
                      border: '1px solid var(--border)',
                      color: 'var(--text)',
                    }}
                  />
                  <Bar dataKey={metric.key} fill="var(--accent)" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            ) : (
              <div style={{ height: HEIGHT_PX }} />
            )}
          </figure>
        );
      })}
    </div>
  );
}
