/**
 * The grid, axis, tooltip and series settings the charts share, as props to spread on the
 * recharts elements, so every chart draws with the same colours, time axis and line style.
 */
import type { ReactNode } from 'react';
import type { CartesianGridProps, Margin, TooltipValueType, XAxisProps } from 'recharts';
import { tickStepMs, timeTickFormatter, timeTicks, tooltipTimeFormatter, type ChartWindow } from './chart-data';

export const CHART_MARGIN: Margin = { top: 8, right: 8, bottom: 0, left: 8 };

export const AXIS_STROKE = 'var(--muted)';

export const GRID_PROPS: CartesianGridProps = { stroke: 'var(--border)', strokeDasharray: '3 3' };

export const TOOLTIP_STYLE = { background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)' };

/** A time axis over the window (epoch ms, the data's `t`) with round ticks for its span. */
export function timeAxisProps({ fromMs, toMs }: Pick<ChartWindow, 'fromMs' | 'toMs'>): XAxisProps {
  return {
    dataKey: 't',
    type: 'number',
    domain: [fromMs, toMs],
    ticks: timeTicks(fromMs, toMs),
    tickFormatter: timeTickFormatter(tickStepMs(toMs - fromMs)),
    stroke: AXIS_STROKE,
  };
}

/** The tooltip's heading: the point's full date and time, in the browser's time zone. */
export function tooltipTimeLabel(): (label: ReactNode) => ReactNode {
  const tooltipTime = tooltipTimeFormatter();
  return (label) => (typeof label === 'number' ? tooltipTime(label) : label);
}

/** A series name as recharts passes it to the tooltip: the element's `name`, else its `dataKey`. */
type SeriesName = string | number | undefined;

/** A tooltip line: the value formatted (by series name) and the name; a gap shows as a dash. */
export function tooltipValue<Datum = unknown>(format: (value: number, name: SeriesName, datum?: Datum) => string) {
  return (value: TooltipValueType | undefined, name: SeriesName, item?: { payload?: Datum }): [string, SeriesName] => [
    typeof value === 'number' ? format(value, name, item?.payload) : '–',
    name,
  ];
}

/** An area series: straight segments between the points, filled below in its own colour, not animated. */
export function areaSeries(color: string, fillOpacity: number) {
  return { type: 'linear', stroke: color, fill: color, fillOpacity, isAnimationActive: false } as const;
}

/** A line series without dots, solid or dashed, not animated. */
export function lineSeries(color: string, dashed = false) {
  const line = { type: 'linear', stroke: color, strokeWidth: 2, dot: false, isAnimationActive: false } as const;
  return dashed ? { ...line, strokeDasharray: '6 3' } : line;
}
