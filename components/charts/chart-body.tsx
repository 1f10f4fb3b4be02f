'use client';
import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
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
 * Keeps every <g> of the chart out of the Tab order. recharts draws its layers into <g>
 * elements through React portals; React listens for focus events on a portal's container, and
 * Chromium makes an SVG element with focus listeners a Tab stop (four per chart). An explicit
 * tabindex="-1" takes them out again; new layers appear as the data changes, hence the observer.
 */
function useNoTabStops(ref: RefObject<HTMLDivElement | null>, drawn: boolean): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const untab = () => {
      for (const g of element.querySelectorAll('svg g:not([tabindex])')) g.setAttribute('tabindex', '-1');
    };
    untab();
    const observer = new MutationObserver(untab);
    observer.observe(element, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [ref, drawn]);
}

/**
 * What stands under a chart's caption: the chart, sized to its container, once the page is
 * hydrated; a blank of the same height before (so nothing moves); or a sentence when empty.
 * The drawing is hidden from screen readers, which read `summary` instead, and Tab never stops
 * in it: the charts leave recharts' keyboard layer off (accessibilityLayer={false}) and
 * useNoTabStops takes recharts' layers out of the Tab order.
 */
export function ChartBody({ heightPx, initialWidthPx = 800, emptyText, summary, children }: ChartBodyProps) {
  const mounted = useMounted();
  const drawing = useRef<HTMLDivElement>(null);
  useNoTabStops(drawing, mounted && emptyText === undefined);
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
      <div ref={drawing} aria-hidden="true" style={mounted ? undefined : { height: heightPx }}>
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
