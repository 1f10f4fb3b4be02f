'use client';
import { useMemo, useSyncExternalStore } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { GroupHistoryPoint, HistoryRange } from '@/lib/api/history-schemas';
import { formatCount, formatExact, formatRate } from '@/lib/format/format-number';
import { hasValues, lagSeries, lagVsRatesData, timeTickFormatter, timeTicks, tooltipTimeFormatter } from './chart-data';

const HEIGHT_PX = 300;
/** Legend and tooltip in reading order: lag, then what goes in, then what goes out. */
const SERIES_ORDER = ['lag', 'producerRate', 'consumerRate'];
const noSubscription = () => () => undefined;

interface ChartLagVsRatesProps {
  points: GroupHistoryPoint[];
  /** The range's bounds, epoch ms, as the history API answered them. */
  fromMs: number;
  toMs: number;
  range: HistoryRange;
  /** Defaults to the group wording; the cluster page names its totals. */
  caption?: string;
}

/**
 * Lag (messages, left axis, area) against producer and consumer rates (msg/s, right
 * axis, lines): lag grows exactly while the producer line is above the consumer line.
 */
export function ChartLagVsRates({ points, fromMs, toMs, range, caption }: ChartLagVsRatesProps) {
  // recharts measures the DOM: draw only in the browser, after hydration, so server and client HTML agree.
  const mounted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const data = useMemo(() => lagVsRatesData(points), [points]);
  const lags = lagSeries(data);
  const showConsumer = hasValues(data, ['consumerRate']);
  const tick = timeTickFormatter(range);
  const tooltipTime = tooltipTimeFormatter();
  return (
    <figure className="group-chart" data-testid="chart-lag-vs-rates" data-lag-values={lags.join(',')}>
      <figcaption>{caption ?? 'Lag (messages) against producer and consumer rate (msg/s)'}</figcaption>
      {!hasValues(data, ['lag', 'producerRate', 'consumerRate']) ? (
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
              tickFormatter={tick}
              stroke="var(--muted)"
            />
            <YAxis yAxisId="lag" tickFormatter={(v: number) => formatCount(v)} stroke="var(--muted)" width={56} />
            <YAxis
              yAxisId="rate"
              orientation="right"
              tickFormatter={(v: number) => `${formatCount(v)}/s`}
              stroke="var(--muted)"
              width={64}
            />
            <Tooltip
              labelFormatter={(t) => (typeof t === 'number' ? tooltipTime(t) : t)}
              formatter={(value, name) => [
                typeof value !== 'number' ? '–' : name === 'Lag' ? `${formatExact(value)} msg` : formatRate(value),
                name,
              ]}
              itemSorter={(item) => SERIES_ORDER.indexOf(String(item.dataKey))}
              contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)' }}
            />
            <Legend itemSorter={null} />
            <Area
              yAxisId="lag"
              dataKey="lag"
              name="Lag"
              type="linear"
              stroke="var(--accent)"
              fill="var(--accent)"
              fillOpacity={0.18}
              dot={lags.length < 3}
              isAnimationActive={false}
            />
            <Line
              yAxisId="rate"
              dataKey="producerRate"
              name="Producer rate"
              type="linear"
              stroke="var(--groups-producer)"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            {showConsumer ? (
              <Line
                yAxisId="rate"
                dataKey="consumerRate"
                name="Consumer rate"
                type="linear"
                stroke="var(--groups-consumer)"
                strokeWidth={2}
                strokeDasharray="6 3"
                dot={false}
                isAnimationActive={false}
              />
            ) : null}
          </ComposedChart>
        </ResponsiveContainer>
      ) : (
        <div style={{ height: HEIGHT_PX }} />
      )}
    </figure>
  );
}
