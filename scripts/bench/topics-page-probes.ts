/**
 * What the topics page bench installs in the page before it loads: the time the first
 * topic row appears, long tasks, and a "rows changed" detector that times an interaction
 * from its input event to the DOM change and to the frame after it.
 */
import type { Page } from 'playwright-core';

export interface ChangeTiming {
  /** From the input event (or the call) to the DOM mutation that changed the rendered rows, ms. */
  domMs: number;
  /** To the end of the frame after it (requestAnimationFrame, then a task): what the eye sees, ms. */
  frameMs: number;
}

/** A frame that took over 50 ms, split into script and style/layout/paint time. */
export interface LongFrame {
  startTime: number;
  duration: number;
  scriptMs: number;
  renderMs: number;
}

interface LoafEntry extends PerformanceEntry {
  renderStart: number;
  scripts: { duration: number }[];
}

interface BenchProbes {
  firstRowAt: number | null;
  longTasks: { startTime: number; duration: number }[];
  longFrames: LongFrame[];
  result: ChangeTiming | null;
  arm(fromNow: boolean): void;
}

declare global {
  interface Window {
    __bench: BenchProbes;
  }
}

/** Runs in the page: no imports, no closures over this module. */
function probes(): void {
  const signature = () => {
    const rows = document.querySelectorAll('[data-testid="topic-row"]');
    const first = rows[0]?.getAttribute('data-topic');
    const last = rows[rows.length - 1]?.getAttribute('data-topic');
    const count = document.querySelector('[data-testid="topics-count"]')?.textContent;
    return `${rows.length}|${first}|${last}|${count}`;
  };
  const bench: BenchProbes = {
    firstRowAt: null,
    longTasks: [],
    longFrames: [],
    result: null,
    arm(fromNow) {
      const before = signature();
      let startAt: number | null = fromNow ? performance.now() : null;
      bench.result = null;
      const start = () => {
        if (startAt === null) startAt = performance.now();
      };
      document.addEventListener('keydown', start, { capture: true, once: true });
      document.addEventListener('click', start, { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (startAt === null || signature() === before) return;
        observer.disconnect();
        const changedAt = performance.now();
        const from = startAt;
        requestAnimationFrame(() =>
          setTimeout(() => {
            bench.result = { domMs: changedAt - from, frameMs: performance.now() - from };
          }),
        );
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    },
  };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      bench.longTasks.push({ startTime: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as LoafEntry[]) {
      bench.longFrames.push({
        startTime: entry.startTime,
        duration: entry.duration,
        scriptMs: entry.scripts.reduce((sum, script) => sum + script.duration, 0),
        renderMs: entry.renderStart > 0 ? entry.startTime + entry.duration - entry.renderStart : 0,
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
  const firstRows = new MutationObserver(() => {
    if (document.querySelector('[data-testid="topic-row"]')) {
      bench.firstRowAt = performance.now();
      firstRows.disconnect();
    }
  });
  firstRows.observe(document, { childList: true, subtree: true });
}

export async function installPageProbes(page: Page): Promise<void> {
  // tsx compiles with esbuild's keepNames, which wraps named functions in __name(): the page needs it too.
  await page.addInitScript({ content: 'window.__name = (fn) => fn;' });
  await page.addInitScript(probes);
}
