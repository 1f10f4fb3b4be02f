'use client';
import { useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { GroupHistoryPoint } from '@/lib/api/history-schemas';
import { formatDuration } from '@/lib/format/format-duration';
import {
  areaSeries,
  AXIS_STROKE,
  CHART_MARGIN,
  GRID_PROPS,
  TOOLTIP_STYLE,
  timeAxisProps,
  tooltipTimeLabel,
  tooltipValue,
} from './chart-parts';
import { ChartBody } from './chart-body';
import { markerLines, type ChartMarker } from './chart-markers';
import { durationTicks, hasValues, pointsIn, timeLagData, type ChartWindow, type TimeLagDatum } from './chart-data';
import { HistorySince } from './history-since';
import { seriesSummary } from './chart-summary';

const HEIGHT_PX = 200;

interface ChartTimeLagProps {
  points: GroupHistoryPoint[];
  /** The time axis: the range, or from the history's first sample (chartWindow). */
  window: ChartWindow;
  /** Events of the chart's subject, drawn on the time axis. */
  markers?: ChartMarker[];
}

/** How far behind in time the group's slowest partition was: what retention.ms is measured against. */
export function ChartTimeLag({ points, window, markers = [] }: ChartTimeLagProps) {
  const data = useMemo(() => timeLagData(pointsIn(points, window)), [points, window]);
  const max = data.reduce((m, d) => Math.max(m, d.timeLagSeconds ?? 0), 0);
  const ticks = durationTicks(max);
  const values = data.flatMap((d) => (d.timeLagSeconds === null ? [] : [d.timeLagSeconds]));
  return (
    <figure className="group-chart" data-testid="chart-time-lag" data-markers={markers.map((m) => m.kind).join(',')}>
      <figcaption>
        Max time lag over the group&apos;s partitions
        {data.some((d) => d.lowerBound) ? (
          <span className="muted">
            {' '}
            (at least, where a committed message was already deleted: its age can only be bounded)
          </span>
        ) : null}
        <HistorySince window={window} />
      </figcaption>
      <ChartBody
        heightPx={HEIGHT_PX}
        emptyText={hasValues(data, ['timeLagSeconds']) ? undefined : 'No time lag in this range yet.'}
        summary={seriesSummary([{ label: 'Max time lag', values, format: (v) => formatDuration(v) }])}
      >
        <AreaChart data={data} margin={{ ...CHART_MARGIN, right: 72 }} accessibilityLayer={false}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...timeAxisProps(window)} />
          <YAxis
            ticks={ticks}
            domain={[0, ticks[ticks.length - 1]]}
            tickFormatter={(v: number) => formatDuration(v)}
            stroke={AXIS_STROKE}
            width={56}
          />
          <Tooltip
            labelFormatter={tooltipTimeLabel()}
            formatter={tooltipValue<TimeLagDatum>(
              (value, _name, datum) => `${datum?.lowerBound ? 'at least ' : ''}${formatDuration(value)}`,
            )}
            contentStyle={TOOLTIP_STYLE}
          />
          <Area
            dataKey="timeLagSeconds"
            name="Max time lag"
            {...areaSeries('var(--warn)', 0.15)}
            dot={values.length < 3}
          />
          {markerLines(markers)}
        </AreaChart>
      </ChartBody>
    </figure>
  );
}
