'use client';
import { useMemo, useSyncExternalStore } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HistoryRange, TopicHistoryPoint } from '@/lib/api/history-schemas';
import { formatBytes, formatByteRate, formatCount, formatRate } from '@/lib/format/format-number';
import { hasValues, timeTickFormatter, timeTicks, tooltipTimeFormatter } from './chart-data';

const HEIGHT_PX = 260;
const noSubscription = () => () => undefined;

interface ChartTopicRatesProps {
  points: TopicHistoryPoint[];
  /** The range's bounds, epoch ms, as the history API answered them. */
  fromMs: number;
  toMs: number;
  range: HistoryRange;
}

/** Messages/s (left axis, area) and bytes/s (right axis, line) written to the topic over the range. */
export function ChartTopicRates({ points, fromMs, toMs, range }: ChartTopicRatesProps) {
  // recharts measures the DOM: draw only in the browser, after hydration, so server and client HTML agree.
  const mounted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const data = useMemo(
    () => points.map((p) => ({ t: p.t, produceRate: p.produceRate, bytesInRate: p.bytesInRate })),
    [points],
  );
  const produced = data.flatMap((d) => (d.produceRate === null ? [] : [d.produceRate]));
  const tooltipTime = tooltipTimeFormatter();
  return (
    <figure
      className="group-chart"
      data-testid="chart-topic-rates"
      data-produce-values={produced.map((v) => v.toFixed(2)).join(',')}
    >
      <figcaption>Produce rate (msg/s) and bytes in (per second)</figcaption>
      {!hasValues(data, ['produceRate', 'bytesInRate']) ? (
        <p className="muted group-chart-empty" style={{ height: HEIGHT_PX }}>
          No history in this range yet: the collector adds a point at every poll.
        </p>
      ) : mounted ? (
        <ResponsiveContainer width="100%" height={HEIGHT_PX} initialDimension={{ width: 800, height: HEIGHT_PX }}>
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
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
              yAxisId="rate"
              tickFormatter={(v: number) => `${formatCount(v)}/s`}
              stroke="var(--muted)"
              width={56}
            />
            <YAxis
              yAxisId="bytes"
              orientation="right"
              tickFormatter={(v: number) => `${formatBytes(v)}/s`}
              stroke="var(--muted)"
              width={72}
            />
            <Tooltip
              labelFormatter={(t) => (typeof t === 'number' ? tooltipTime(t) : t)}
              formatter={(value, name) => [
                typeof value !== 'number' ? '–' : name === 'Bytes in' ? formatByteRate(value) : formatRate(value),
                name,
              ]}
              contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)' }}
            />
            <Legend />
            <Area
              yAxisId="rate"
              dataKey="produceRate"
              name="Produce rate"
              type="linear"
              stroke="var(--groups-producer)"
              fill="var(--groups-producer)"
              fillOpacity={0.15}
              dot={produced.length < 3}
              isAnimationActive={false}
            />
            <Line
              yAxisId="bytes"
              dataKey="bytesInRate"
              name="Bytes in"
              type="linear"
              stroke="var(--accent)"
              strokeWidth={2}
              strokeDasharray="6 3"
              dot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      ) : (
        <div style={{ height: HEIGHT_PX }} />
      )}
    </figure>
  );
}
