'use client';
/**
 * A small windowing hook for a table of equal-height rows in a scroll container: only the
 * rows in view (plus overscan) are rendered, and the arrow keys move focus row by row,
 * scrolling rows into the DOM as they go. The row height is measured, not assumed: it grows
 * with the reader's font size (the CSS gives rows a height in em).
 */
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject, type UIEvent } from 'react';
import { scrollTopToReveal, visibleRowRange, type RowWindow } from './visible-row-range';

/** Until the container is measured: about a laptop screen of rows. */
const DEFAULT_VIEWPORT_PX = 700;

export interface RowWindowOptions {
  count: number;
  /** A row's height until one has been rendered and measured (at the default font size). */
  estimatedRowPx: number;
  overscan: number;
  /** A change (new search, sort or filter) scrolls back to the first row. */
  resetKey: string;
}

export interface RowWindowControls extends RowWindow {
  /** The measured height of a row, px (fractional): what the spacer rows stand for. */
  rowPx: number;
  scrollRef: RefObject<HTMLDivElement | null>;
  headerRef: RefObject<HTMLTableSectionElement | null>;
  /** The tbody: its rows are measured whenever it changes size. */
  bodyRef: RefObject<HTMLTableSectionElement | null>;
  onScroll: (event: UIEvent<HTMLDivElement>) => void;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
}

function targetRow(key: string, index: number, pageRows: number, count: number): number | null {
  const target =
    key === 'ArrowDown'
      ? index + 1
      : key === 'ArrowUp'
        ? index - 1
        : key === 'PageDown'
          ? index + pageRows
          : key === 'PageUp'
            ? index - pageRows
            : key === 'Home'
              ? 0
              : key === 'End'
                ? count - 1
                : null;
  return target === null ? null : Math.min(count - 1, Math.max(0, target));
}

/** A rendered row's height, px, with its fraction (rounding would shift 5,000 rows by pixels each). */
function measureRowPx(body: HTMLElement | null): number | null {
  const row = body?.querySelector<HTMLElement>('tr[data-index]');
  const height = row?.getBoundingClientRect().height;
  return height && height > 0 ? height : null;
}

export function useRowWindow({ count, estimatedRowPx, overscan, resetKey }: RowWindowOptions): RowWindowControls {
  const scrollRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLTableSectionElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const pendingFocus = useRef<number | null>(null);
  const [rowPx, setRowPx] = useState(estimatedRowPx);
  // The first row in view rather than scrollTop itself: a scroll within a row renders nothing.
  const [firstRow, setFirstRow] = useState(0);
  const [viewportPx, setViewportPx] = useState(DEFAULT_VIEWPORT_PX);
  const [seenKey, setSeenKey] = useState(resetKey);
  if (seenKey !== resetKey) {
    setSeenKey(resetKey);
    setFirstRow(0);
  }

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewportPx(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Rows change height with the font size (a reader's setting, a zoom of the text only): the
  // tbody then changes size, and the first rendered row says by how much.
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    let current = estimatedRowPx;
    const measure = () => {
      const measured = measureRowPx(body);
      if (measured === null || Math.abs(current - measured) <= 0.01) return;
      current = measured;
      setRowPx(measured);
      // The same scrollTop is another row now.
      setFirstRow(Math.floor((scrollRef.current?.scrollTop ?? 0) / measured));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(body);
    return () => observer.disconnect();
  }, [estimatedRowPx]);

  useLayoutEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [resetKey]);

  // After the render that brought the target row into the DOM, move focus to its link.
  useLayoutEffect(() => {
    if (pendingFocus.current === null) return;
    const link = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${pendingFocus.current}"] a`);
    if (link) {
      link.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  });

  const onScroll = (event: UIEvent<HTMLDivElement>) => setFirstRow(Math.floor(event.currentTarget.scrollTop / rowPx));

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const element = scrollRef.current;
    const row = (event.target as HTMLElement).closest('tr[data-index]');
    if (!element || !row || event.altKey || event.ctrlKey || event.metaKey) return;
    const headerPx = headerRef.current?.offsetHeight ?? 0;
    const pageRows = Math.max(1, Math.floor((element.clientHeight - headerPx) / rowPx) - 1);
    const target = targetRow(event.key, Number(row.getAttribute('data-index')), pageRows, count);
    if (target === null) return;
    event.preventDefault();
    const top = scrollTopToReveal(target, {
      scrollTopPx: element.scrollTop,
      viewportPx: element.clientHeight,
      rowPx,
      headerPx,
    });
    element.scrollTop = top;
    const link = element.querySelector<HTMLElement>(`tr[data-index="${target}"] a`);
    if (link) link.focus({ preventScroll: true });
    else pendingFocus.current = target;
    setFirstRow(Math.floor(top / rowPx));
  };

  // Covers the partly scrolled first row: one row more than the viewport holds.
  const range = visibleRowRange({
    scrollTopPx: firstRow * rowPx,
    viewportPx: viewportPx + rowPx,
    rowPx,
    count,
    overscan,
  });
  return { ...range, rowPx, scrollRef, headerRef, bodyRef, onScroll, onKeyDown };
}
