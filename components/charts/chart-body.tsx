'use client';
import type { ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';
import { useMounted } from './use-mounted';

interface ChartBodyProps {
  heightPx: number;
  /** The width recharts lays the chart out at before it has measured its container. */
  initialWidthPx?: number;
  /** Shown instead of the chart, at the chart's height, when set: e.g. the range has no values yet. */
  emptyText?: string;
  /** What the chart shows, in words (chart-summary.ts): read by screen readers instead of the drawing. */
  summary: string;
  /** The recharts chart (ComposedChart, AreaChart, …). */
  children: ReactNode;
}

/**
 * What stands under a chart's caption: the chart, sized to its container, once the page is
 * hydrated; a blank of the same height before (so nothing moves); or a sentence when empty.
 * The drawing is hidden from screen readers, which read `summary` instead, and the charts
 * leave recharts' keyboard layer off (accessibilityLayer={false}), so Tab never stops in them.
 */
export function ChartBody({ heightPx, initialWidthPx = 800, emptyText, summary, children }: ChartBodyProps) {
  const mounted = useMounted();
  if (emptyText !== undefined) {
    return (
      <p className="muted group-chart-empty" style={{ height: heightPx }}>
        {emptyText}
      </p>
    );
  }
  return (
    <>
      <p className="visually-hidden" data-testid="chart-summary">
        {summary}
      </p>
      <div aria-hidden="true" style={mounted ? undefined : { height: heightPx }}>
        {mounted ? (
          <ResponsiveContainer
            width="100%"
            height={heightPx}
            initialDimension={{ width: initialWidthPx, height: heightPx }}
          >
            {children}
          </ResponsiveContainer>
        ) : null}
      </div>
    </>
  );
}
