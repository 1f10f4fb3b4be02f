'use client';
import { useMemo, useSyncExternalStore } from 'react';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { GroupHistoryPoint, HistoryRange } from '@/lib/api/history-schemas';
import { formatDuration } from '@/lib/format/format-duration';
import {
  durationTicks,
  hasValues,
  timeLagData,
  timeTickFormatter,
  timeTicks,
  tooltipTimeFormatter,
} from './chart-data';

const HEIGHT_PX = 200;
const noSubscription = () => () => undefined;

interface ChartTimeLagProps {
  points: GroupHistoryPoint[];
  fromMs: number;
  toMs: number;
  range: HistoryRange;
}

/** How far behind in time the group's slowest partition was: what retention.ms is measured against. */
export function ChartTimeLag({ points, fromMs, toMs, range }: ChartTimeLagProps) {
  const mounted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const data = useMemo(() => timeLagData(points), [points]);
  const max = data.reduce((m, d) => Math.max(m, d.timeLagSeconds ?? 0), 0);
  const ticks = durationTicks(max);
  const tooltipTime = tooltipTimeFormatter();
  const values = data.flatMap((d) => (d.timeLagSeconds === null ? [] : [d.timeLagSeconds]));
  return (
    <figure className="group-chart" data-testid="chart-time-lag">
      <figcaption>Max time lag over the group&apos;s partitions</figcaption>
      {!hasValues(data, ['timeLagSeconds']) ? (
        <p className="muted group-chart-empty" style={{ height: HEIGHT_PX }}>
          No time lag in this range yet.
        </p>
      ) : mounted ? (
        <ResponsiveContainer width="100%" height={HEIGHT_PX} initialDimension={{ width: 800, height: HEIGHT_PX }}>
          <AreaChart data={data} margin={{ top: 8, right: 72, bottom: 0, left: 8 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              type="number"
              domain={[fromMs, toMs]}
              ticks={timeTicks(fromMs, toMs, range)}
              tickFormatter={timeTickFormatter(range)}
              stroke="var(--muted)"
            />
            <YAxis
              ticks={ticks}
              domain={[0, ticks[ticks.length - 1]]}
              tickFormatter={(v: number) => formatDuration(v)}
              stroke="var(--muted)"
              width={56}
            />
            <Tooltip
              labelFormatter={(t) => (typeof t === 'number' ? tooltipTime(t) : t)}
              formatter={(value, name) => [typeof value === 'number' ? formatDuration(value) : '–', name]}
              contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)' }}
            />
            <Area
              dataKey="timeLagSeconds"
              name="Max time lag"
              type="linear"
              stroke="var(--warn)"
              fill="var(--warn)"
              fillOpacity={0.15}
              dot={values.length < 3}
              isAnimationActive={false}
            />
          </AreaChart>
        </ResponsiveContainer>
      ) : (
        <div style={{ height: HEIGHT_PX }} />
      )}
    </figure>
  );
}
