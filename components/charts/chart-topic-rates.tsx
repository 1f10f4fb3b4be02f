'use client';
import { useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { TopicHistoryPoint } from '@/lib/api/history-schemas';
import { formatBytes, formatByteRate, formatCount, formatRate } from '@/lib/format/format-number';
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
import { hasValues, pointsIn, type ChartWindow } from './chart-data';
import { HistorySince } from './history-since';
import { seriesSummary } from './chart-summary';

const HEIGHT_PX = 260;

interface ChartTopicRatesProps {
  points: TopicHistoryPoint[];
  /** The time axis: the range, or from the history's first sample (chartWindow). */
  window: ChartWindow;
  /** Events of the topic, drawn on the time axis. */
  markers?: ChartMarker[];
}

/** Messages/s (left axis, area) and bytes/s (right axis, line) written to the topic over the range. */
export function ChartTopicRates({ points, window, markers = [] }: ChartTopicRatesProps) {
  const data = useMemo(
    () => pointsIn(points, window).map((p) => ({ t: p.t, produceRate: p.produceRate, bytesInRate: p.bytesInRate })),
    [points, window],
  );
  const produced = data.flatMap((d) => (d.produceRate === null ? [] : [d.produceRate]));
  const empty = !hasValues(data, ['produceRate', 'bytesInRate']);
  return (
    <figure
      className="group-chart"
      data-testid="chart-topic-rates"
      data-produce-values={produced.map((v) => v.toFixed(2)).join(',')}
      data-markers={markers.map((m) => m.kind).join(',')}
    >
      <figcaption>
        Produce rate (msg/s) and bytes in (per second)
        <HistorySince window={window} />
      </figcaption>
      <ChartBody
        heightPx={HEIGHT_PX}
        emptyText={empty ? 'No history in this range yet: the collector adds a point at every poll.' : undefined}
        summary={seriesSummary([
          { label: 'Produce rate', values: produced, format: formatRate },
          { label: 'Bytes in', values: data.map((d) => d.bytesInRate), format: formatByteRate },
        ])}
      >
        <ComposedChart data={data} margin={CHART_MARGIN} accessibilityLayer={false}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...timeAxisProps(window)} />
          <YAxis yAxisId="rate" tickFormatter={(v: number) => `${formatCount(v)}/s`} stroke={AXIS_STROKE} width={56} />
          <YAxis
            yAxisId="bytes"
            orientation="right"
            tickFormatter={(v: number) => `${formatBytes(v)}/s`}
            stroke={AXIS_STROKE}
            width={72}
          />
          <Tooltip
            labelFormatter={tooltipTimeLabel()}
            formatter={tooltipValue((value, name) => (name === 'Bytes in' ? formatByteRate(value) : formatRate(value)))}
            contentStyle={TOOLTIP_STYLE}
          />
          <Legend />
          <Area
            yAxisId="rate"
            dataKey="produceRate"
            name="Produce rate"
            {...areaSeries('var(--groups-producer)', 0.15)}
            dot={produced.length < 3}
          />
          <Line yAxisId="bytes" dataKey="bytesInRate" name="Bytes in" {...lineSeries('var(--accent)', true)} />
          {markerLines(markers, 'rate')}
        </ComposedChart>
      </ChartBody>
    </figure>
  );
}
