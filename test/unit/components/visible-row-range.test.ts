import { describe, expect, it } from 'vitest';
import { scrollTopToReveal, visibleRowRange } from '@/components/tables/visible-row-range';

const viewport = { scrollTopPx: 0, viewportPx: 370, rowPx: 37, count: 5000, overscan: 5 };

describe('visibleRowRange', () => {
  it('renders the rows in view and the overscan below at the top of the list', () => {
    expect(visibleRowRange(viewport)).toEqual({ start: 0, end: 15 });
  });

  it('adds the overscan on both sides in the middle of the list', () => {
    expect(visibleRowRange({ ...viewport, scrollTopPx: 37 * 100 + 10 })).toEqual({ start: 95, end: 116 });
  });

  it('stops at the last row at the end of the list', () => {
    expect(visibleRowRange({ ...viewport, scrollTopPx: 37 * 4990 })).toEqual({ start: 4985, end: 5000 });
  });

  it('still shows the last rows when the scroll position is past the end of a list that just shrank', () => {
    expect(visibleRowRange({ ...viewport, count: 3, scrollTopPx: 37 * 4000 })).toEqual({ start: 0, end: 3 });
  });

  it('renders nothing for an empty list and never more rows than the list has', () => {
    expect(visibleRowRange({ ...viewport, count: 0 })).toEqual({ start: 0, end: 0 });
    expect(visibleRowRange({ ...viewport, count: 4 })).toEqual({ start: 0, end: 4 });
  });

  it('treats a negative scroll position (overscroll bounce) as the top', () => {
    expect(visibleRowRange({ ...viewport, scrollTopPx: -50 })).toEqual({ start: 0, end: 15 });
  });
});

describe('scrollTopToReveal', () => {
  const at = { scrollTopPx: 370, viewportPx: 400, rowPx: 37, headerPx: 30 };

  it('leaves the scroll position alone when the row is fully visible', () => {
    expect(scrollTopToReveal(12, at)).toBe(370);
  });

  it('scrolls up so a row above the view sits just under the sticky header', () => {
    expect(scrollTopToReveal(5, at)).toBe(5 * 37);
  });

  it('scrolls down just enough to show a row below the view at the bottom edge', () => {
    expect(scrollTopToReveal(20, at)).toBe(30 + 21 * 37 - 400);
  });
});
