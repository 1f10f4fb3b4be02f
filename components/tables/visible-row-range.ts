/**
 * Windowing arithmetic for a long list of fixed-height rows: which rows to put in the DOM
 * for a scroll position, and where to scroll to bring a row into view.
 */

export interface RowWindow {
  /** First row rendered. */
  start: number;
  /** One past the last row rendered. */
  end: number;
}

export interface RowViewport {
  /** The scroll container's scrollTop, px. */
  scrollTopPx: number;
  /** The scroll container's visible height, px. */
  viewportPx: number;
  /** Height of every row, px. */
  rowPx: number;
  /** Number of rows in the list. */
  count: number;
  /** Rows rendered beyond each edge of the viewport, so keyboard focus and fast scrolls find rows ready. */
  overscan: number;
}

/**
 * The rows [start, end) that intersect the viewport, plus `overscan` on each side. A scroll
 * position past the end (the list just shrank) still shows the last rows; no rows: [0, 0).
 */
export function visibleRowRange({ scrollTopPx, viewportPx, rowPx, count, overscan }: RowViewport): RowWindow {
  if (count <= 0 || rowPx <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTopPx);
  const first = Math.min(Math.floor(top / rowPx), count - 1);
  const last = Math.max(first + 1, Math.ceil((top + Math.max(0, viewportPx)) / rowPx));
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + overscan) };
}

/**
 * The scrollTop that shows row `index` whole, moving as little as possible: unchanged when it
 * is already visible. `headerPx` is a sticky header covering the top of the viewport.
 */
export function scrollTopToReveal(
  index: number,
  {
    scrollTopPx,
    viewportPx,
    rowPx,
    headerPx,
  }: { scrollTopPx: number; viewportPx: number; rowPx: number; headerPx: number },
): number {
  const rowTop = headerPx + index * rowPx;
  if (rowTop - headerPx < scrollTopPx) return rowTop - headerPx;
  const rowBottom = rowTop + rowPx;
  if (rowBottom > scrollTopPx + viewportPx) return rowBottom - viewportPx;
  return scrollTopPx;
}
