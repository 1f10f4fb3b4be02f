/**
 * Drives Chromium through the topic list of `npm run bench:topics-page` and times, inside the
 * page (performance.now()), what a user feels: first rows, a keystroke in the search, a
 * re-sort, jumping and scrolling to the end, and the periodic refetch.
 */
import type { Page } from 'playwright-core';
import { checkInterrupted } from './interrupt';
import { installPageProbes, type ChangeTiming } from './topics-page-probes';

export interface ScrollFigures {
  /** A row's rendered height (offsetHeight, whole px): the windowing measures it too. */
  rowPx: number;
  /** (scrollHeight − header) / rows: the height the spacer rows give each row. */
  layoutRowPx: number;
  frames: number;
  medianFrameMs: number;
  p95FrameMs: number;
  maxFrameMs: number;
  /** Frames whose top row was not in the DOM: blank space shown while scrolling. */
  blankFrames: number;
  maxRowsInDom: number;
  /** Frames over 50 ms during the scroll, and how much of them was script (React) and rendering. */
  longFrames: { count: number; scriptMs: number; renderMs: number; totalMs: number };
}

export interface PageFigures {
  firstRowsMs: number;
  topicsFetchMs: number | null;
  rowsInDom: number;
  listedTopics: number;
  keystrokes: { label: string; timing: ChangeTiming }[];
  sorts: { label: string; timing: ChangeTiming }[];
  jumpToEnd: ChangeTiming & { lastRowInDom: boolean };
  endKey: ChangeTiming & { lastRowFocused: boolean };
  scroll: ScrollFigures;
  /** Long tasks (over 50 ms) up to the first rows: fetching, parsing and sorting the list. */
  loadLongTasks: LongTasks;
  /** Long tasks while the page sits idle and refetches the list every 5 s. */
  idleLongTasks: LongTasks & { windowMs: number };
}

export interface LongTasks {
  count: number;
  maxMs: number;
  totalMs: number;
}

const SCROLL_PX_PER_FRAME = 740;
const IDLE_WINDOW_MS = 12_000;

/** Runs `action` and waits until the rendered rows change; times from its input event (or now) to the DOM change and the next frame. */
async function timeChange(page: Page, action: () => Promise<unknown>, fromNow = false): Promise<ChangeTiming> {
  await page.evaluate((now) => window.__bench.arm(now), fromNow);
  await action();
  const handle = await page.waitForFunction(() => window.__bench.result, null, { timeout: 60_000, polling: 50 });
  return (await handle.jsonValue()) as ChangeTiming;
}

const rowCount = (page: Page) => page.locator('[data-testid="topic-row"]').count();

async function scrollThrough(page: Page): Promise<ScrollFigures> {
  const from = await page.evaluate(() => performance.now());
  const figures = await page.evaluate(
    (stepPx) =>
      new Promise<Omit<ScrollFigures, 'longFrames'>>((resolve) => {
        const el = document.querySelector<HTMLElement>('[data-testid="topics-scroll"]')!;
        el.scrollTop = 0;
        const rowPx = document.querySelector<HTMLElement>('[data-testid="topic-row"]')!.offsetHeight;
        const headerPx = el.querySelector('thead')!.offsetHeight;
        const rows = Number(el.querySelector('table')!.getAttribute('aria-rowcount')) - 1;
        const layoutRowPx = (el.scrollHeight - headerPx) / rows;
        const deltas: number[] = [];
        let blankFrames = 0;
        let maxRowsInDom = 0;
        let last = performance.now();
        const frame = (now: number) => {
          deltas.push(now - last);
          last = now;
          const top = Math.floor(el.scrollTop / rowPx);
          if (!el.querySelector(`tr[data-index="${top}"]`)) blankFrames++;
          maxRowsInDom = Math.max(maxRowsInDom, el.querySelectorAll('[data-testid="topic-row"]').length);
          if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) {
            const sorted = deltas.slice(1).sort((a, b) => a - b);
            resolve({
              rowPx,
              layoutRowPx,
              frames: sorted.length,
              medianFrameMs: sorted[Math.floor(sorted.length / 2)],
              p95FrameMs: sorted[Math.floor(sorted.length * 0.95)],
              maxFrameMs: sorted[sorted.length - 1],
              blankFrames,
              maxRowsInDom,
            });
            return;
          }
          el.scrollTop += stepPx;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    SCROLL_PX_PER_FRAME,
  );
  const longFrames = await page.evaluate((from) => {
    const frames = window.__bench.longFrames.filter((f) => f.startTime >= from);
    const total = (pick: (f: (typeof frames)[number]) => number) => frames.reduce((sum, f) => sum + pick(f), 0);
    return {
      count: frames.length,
      scriptMs: total((f) => f.scriptMs),
      renderMs: total((f) => f.renderMs),
      totalMs: total((f) => f.duration),
    };
  }, from);
  return { ...figures, longFrames };
}

const countText = async (page: Page) => (await page.getByTestId('topics-count').textContent()) ?? '';

/** Times one keystroke in the search box; the label says how the list changed ("5010 topics → 1 of 5010 topics"). */
async function keystroke(page: Page, key: string): Promise<PageFigures['keystrokes'][number]> {
  const before = await countText(page);
  const timing = await timeChange(page, () => page.keyboard.press(key));
  return { label: `"${key}": ${before} → ${await countText(page)}`, timing };
}

async function measureSearch(page: Page, prefix: string): Promise<PageFigures['keystrokes']> {
  const search = page.getByRole('searchbox', { name: 'Search topics' });
  await search.focus();
  // "~" cannot be part of a topic name: the whole list empties, then comes back.
  const keystrokes = [await keystroke(page, '~'), await keystroke(page, 'Backspace')];
  await search.fill(`${prefix}t12`);
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="topics-count"]')?.textContent?.includes(' of '),
  );
  keystrokes.push(await keystroke(page, '3'), await keystroke(page, 'Backspace'));
  await search.fill('');
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="topics-count"]')?.textContent?.includes(' of '),
  );
  return keystrokes;
}

async function measureSorts(page: Page): Promise<PageFigures['sorts']> {
  const header = (name: string) => page.getByRole('button', { name, exact: true });
  const sorts: PageFigures['sorts'] = [];
  sorts.push({ label: 'Topic (Z→A)', timing: await timeChange(page, () => header('Topic').click()) });
  sorts.push({ label: 'Partitions (most first)', timing: await timeChange(page, () => header('Partitions').click()) });
  sorts.push({ label: 'Topic (A→Z)', timing: await timeChange(page, () => header('Topic').click()) });
  return sorts;
}

async function measureEnd(page: Page, count: number): Promise<Pick<PageFigures, 'jumpToEnd' | 'endKey'>> {
  const lastRow = `tr[data-index="${count - 1}"]`;
  const jump = await timeChange(
    page,
    () =>
      page.evaluate(() => {
        const el = document.querySelector<HTMLElement>('[data-testid="topics-scroll"]')!;
        el.scrollTop = el.scrollHeight;
      }),
    true,
  );
  const jumpToEnd = { ...jump, lastRowInDom: (await page.locator(lastRow).count()) === 1 };
  await page.evaluate(() => {
    document.querySelector<HTMLElement>('[data-testid="topics-scroll"]')!.scrollTop = 0;
  });
  await page.locator('tr[data-index="0"] a').focus();
  const end = await timeChange(page, () => page.keyboard.press('End'));
  await page
    .waitForFunction((selector) => document.activeElement?.closest(selector) !== null, lastRow, { timeout: 5000 })
    .catch(() => null);
  const lastRowFocused = await page.evaluate((selector) => document.activeElement?.closest(selector) !== null, lastRow);
  return { jumpToEnd, endKey: { ...end, lastRowFocused } };
}

export async function measureTopicsPage(page: Page, url: string, prefix: string, count: number): Promise<PageFigures> {
  await installPageProbes(page);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__bench.firstRowAt !== null, null, { timeout: 120_000, polling: 50 });
  const firstRowsMs = await page.evaluate(() => window.__bench.firstRowAt!);
  const topicsFetchMs = await page.evaluate(() => {
    const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/api/clusters/default/topics'));
    return entry ? entry.duration : null;
  });
  const rowsInDom = await rowCount(page);
  const listedText = (await page.getByTestId('topics-count').textContent()) ?? '';
  checkInterrupted();
  const keystrokes = await measureSearch(page, prefix);
  checkInterrupted();
  const sorts = await measureSorts(page);
  checkInterrupted();
  const { jumpToEnd, endKey } = await measureEnd(page, Number(/\d+/.exec(listedText.replace(/,/g, ''))?.[0] ?? count));
  checkInterrupted();
  const scroll = await scrollThrough(page);
  const idleFrom = await page.evaluate(() => performance.now());
  await page.waitForTimeout(IDLE_WINDOW_MS);
  const longTasks = (from: number, to: number) =>
    page.evaluate(
      ({ from, to }) => {
        const tasks = window.__bench.longTasks.filter((t) => t.startTime >= from && t.startTime < to);
        const durations = tasks.map((t) => t.duration);
        return { count: tasks.length, maxMs: Math.max(0, ...durations), totalMs: durations.reduce((a, b) => a + b, 0) };
      },
      { from, to },
    );
  const loadLongTasks = await longTasks(0, firstRowsMs);
  const idleLongTasks = { ...(await longTasks(idleFrom, Infinity)), windowMs: IDLE_WINDOW_MS };
  return {
    firstRowsMs,
    topicsFetchMs,
    rowsInDom,
    listedTopics: Number(/\d+/.exec(listedText)?.[0] ?? 0),
    keystrokes,
    sorts,
    jumpToEnd,
    endKey,
    scroll,
    loadLongTasks,
    idleLongTasks,
  };
}
