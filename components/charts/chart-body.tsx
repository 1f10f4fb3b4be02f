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
  /** The recharts chart (ComposedChart, AreaChart, …). */
  children: ReactNode;
}

/**
 * What stands under a chart's caption: the chart, sized to its container, once the page is
 * hydrated; a blank of the same height before (so nothing moves); or a sentence when empty.
 */
export function ChartBody({ heightPx, initialWidthPx = 800, emptyText, children }: ChartBodyProps) {
  const mounted = useMounted();
  if (emptyText !== undefined) {
    return (
      <p className="muted group-chart-empty" style={{ height: heightPx }}>
        {emptyText}
      </p>
    );
  }
  if (!mounted) return <div style={{ height: heightPx }} />;
  return (
    <ResponsiveContainer width="100%" height={heightPx} initialDimension={{ width: initialWidthPx, height: heightPx }}>
      {children}
    </ResponsiveContainer>
  );
}
