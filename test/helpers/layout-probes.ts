/**
 * Questions about a rendered page's layout, asked inside the browser: does the page scroll
 * sideways (and what sticks out), where does a name's text wrap, which cells cut their text,
 * and where does Tab go.
 */
import type { Locator, Page } from 'playwright-core';

export interface SidewaysOverflow {
  scrollWidth: number;
  innerWidth: number;
  /** Up to five elements reaching past the right edge outside a box that scrolls by itself. */
  culprits: string[];
}

/** The page's sideways overflow: scrollWidth over innerWidth, and what causes it. */
export function sidewaysOverflow(page: Page): Promise<SidewaysOverflow> {
  return page.evaluate(() => {
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} (right ${Math.round(el.getBoundingClientRect().right)})`;
    const inScroller = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (style.overflowX === 'auto' || style.overflowX === 'scroll' || style.overflowX === 'hidden') return true;
      }
      return false;
    };
    // An absolutely positioned element may escape its scroller (when no positioned box holds it).
    const escapes = (el: Element) => getComputedStyle(el).position === 'absolute' || !inScroller(el);
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && escapes(el))
      .slice(0, 5)
      .map(describe);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, culprits };
  });
}

/**
 * The text of an element split where it wraps onto a new line (by the position of each
 * character): ["demo.", "clickstream-", "archiver"] for a name wrapped after its separators.
 */
export function wrappedLines(locator: Locator): Promise<string[]> {
  return locator.evaluate((element) => {
    const lines: string[] = [];
    let top: number | null = null;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (let i = 0; i < text.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getBoundingClientRect();
        if (rect.width === 0 && text[i] === ' ') {
          // A space at a line end collapses: it belongs to the line before.
          if (lines.length > 0) lines[lines.length - 1] += ' ';
          continue;
        }
        if (top === null || rect.top > top + rect.height / 2) {
          lines.push('');
          top = rect.top;
        }
        lines[lines.length - 1] += text[i];
      }
    }
    return lines;
  });
}

/** Cells under `selector` whose content is wider than the cell (cut off or spilling), as "column: text". */
export function cutCells(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    (sel) =>
      [...document.querySelectorAll<HTMLTableCellElement>(sel)]
        .filter((cell) => cell.scrollWidth > cell.clientWidth + 0.5)
        .map((cell) => `${cell.cellIndex}: ${cell.textContent}`),
    selector,
  );
}

/** The focused element, described: tag, text, whether it is in an SVG or a chart, and in a table. */
export interface FocusStop {
  tag: string;
  text: string;
  inSvg: boolean;
  inChart: boolean;
  tableLink: boolean;
  inMain: boolean;
}

export function focusStop(page: Page): Promise<FocusStop> {
  return page.evaluate(() => {
    const el = document.activeElement ?? document.body;
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.textContent ?? '').trim().slice(0, 40),
      inSvg: el.closest('svg') !== null || el.tagName.toLowerCase() === 'svg',
      inChart: el.closest('figure') !== null,
      tableLink: el.tagName === 'A' && el.closest('table') !== null,
      inMain: el.closest('main') !== null,
    };
  });
}
