'use client';
import { useMemo, type MouseEvent } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { GroupHistoryPoint } from '@/lib/api/history-schemas';
import { formatCount, formatExact, formatRate } from '@/lib/format/format-number';
import {
  areaSeries,
  AXIS_STROKE,
  CHART_MARGIN,
  GRID_PROPS,
  lineSeries,
  TOOLTIP_STYLE,
  timeAxisProps,
  tooltipTimeLabel,
  tooltipValue,
} from './chart-parts';
import { ChartBody } from './chart-body';
import { markerLines, type ChartMarker } from './chart-markers';
import { hasValues, lagSeries, lagVsRatesData, pointsIn, timeAtX, type ChartWindow } from './chart-data';
import { HistorySince } from './history-since';
import { seriesSummary } from './chart-summary';

const HEIGHT_PX = 300;
/** Legend and tooltip in reading order: lag, then what goes in, then what goes out. */
const SERIES_ORDER = ['lag', 'producerRate', 'consumerRate'];

interface ChartLagVsRatesProps {
  points: GroupHistoryPoint[];
  /** The time axis: the range, or from the history's first sample (chartWindow). */
  window: ChartWindow;
  /** Defaults to the group wording; the cluster page names its totals. */
  caption?: string;
  /** Events of the chart's subject, drawn on the time axis. */
  markers?: ChartMarker[];
  /** Called with the time of the point clicked (the page lists what changed around it). */
  onPointClick?: (t: number) => void;
}

/**
 * Lag (messages, left axis, area) against producer and consumer rates (msg/s, right
 * axis, lines): lag grows exactly while the producer line is above the consumer line.
 */
export function ChartLagVsRates({ points, window, caption, markers = [], onPointClick }: ChartLagVsRatesProps) {
  const data = useMemo(() => lagVsRatesData(pointsIn(points, window)), [points, window]);
  const lags = lagSeries(data);
  const showConsumer = hasValues(data, ['consumerRate']);
  const empty = !hasValues(data, ['lag', 'producerRate', 'consumerRate']);
  const summary = seriesSummary([
    { label: 'Lag', values: lags, format: (v) => `${formatCount(v)} messages` },
    { label: 'Producer rate', values: data.map((d) => d.producerRate), format: formatRate },
    ...(showConsumer ? [{ label: 'Consumer rate', values: data.map((d) => d.consumerRate), format: formatRate }] : []),
  ]);
  // The time under the pointer, from the plot's edges (a grid line spans them) and the time axis.
  const clicked = (event: MouseEvent<HTMLDivElement>) => {
    const line = event.currentTarget.querySelector('.recharts-cartesian-grid-horizontal line');
    const svg = line?.closest('svg');
    if (!onPointClick || !line || !svg) return;
    const left = Number(line.getAttribute('x1'));
    const right = Number(line.getAttribute('x2'));
    const t = timeAtX(event.clientX - svg.getBoundingClientRect().left, left, right, window);
    if (t !== null) onPointClick(t);
  };
  return (
    <figure
      className="group-chart"
      data-testid="chart-lag-vs-rates"
      data-lag-values={lags.join(',')}
      data-markers={markers.map((m) => m.kind).join(',')}
    >
      <figcaption>
        {caption ?? 'Lag (messages) against producer and consumer rate (msg/s)'}
        <HistorySince window={window} />
      </figcaption>
      {/* Mouse only, on purpose: the timeline panel lists the same events for keyboards and screen readers. */}
      <div onClick={onPointClick ? clicked : undefined} style={onPointClick ? { cursor: 'pointer' } : undefined}>
        <ChartBody
          heightPx={HEIGHT_PX}
          emptyText={empty ? 'No history in this range yet: the collector adds a point at every poll.' : undefined}
          summary={summary}
        >
          <ComposedChart data={data} margin={CHART_MARGIN} accessibilityLayer={false}>
            <CartesianGrid {...GRID_PROPS} />
            <XAxis {...timeAxisProps(window)} />
            <YAxis yAxisId="lag" tickFormatter={(v: number) => formatCount(v)} stroke={AXIS_STROKE} width={56} />
            <YAxis
              yAxisId="rate"
              orientation="right"
              tickFormatter={(v: number) => `${formatCount(v)}/s`}
              stroke={AXIS_STROKE}
              width={64}
            />
            <Tooltip
              labelFormatter={tooltipTimeLabel()}
              formatter={tooltipValue((value, name) =>
                name === 'Lag' ? `${formatExact(value)} msg` : formatRate(value),
              )}
              itemSorter={(item) => SERIES_ORDER.indexOf(String(item.dataKey))}
              contentStyle={TOOLTIP_STYLE}
            />
            <Legend itemSorter={null} />
            <Area yAxisId="lag" dataKey="lag" name="Lag" {...areaSeries('var(--accent)', 0.18)} dot={lags.length < 3} />
            <Line
              yAxisId="rate"
              dataKey="producerRate"
              name="Producer rate"
              {...lineSeries('var(--groups-producer)')}
            />
            {showConsumer ? (
              <Line
                yAxisId="rate"
                dataKey="consumerRate"
                name="Consumer rate"
                {...lineSeries('var(--groups-consumer)', true)}
              />
            ) : null}
            {markerLines(markers, 'lag')}
          </ComposedChart>
        </ChartBody>
      </div>
    </figure>
  );
}
