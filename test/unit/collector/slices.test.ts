import { describe, expect, it } from 'vitest';
import { runAll, runInSlices, type Steps } from '@/lib/collector/slices';

/** Ten steps of 5 ms of busy work each; records which step was running when `seen` is asked. */
function* busySteps(log: string[]): Steps<number> {
  for (let step = 0; step < 10; step++) {
    const until = performance.now() + 5;
    while (performance.now() < until) {
      /* busy */
    }
    log.push(`step ${step}`);
    yield;
  }
  return 42;
}

describe('slices', () => {
  it('runAll runs every step before anything else waiting on the event loop', async () => {
    const log: string[] = [];
    const timer = new Promise<void>((resolve) => setTimeout(() => resolve(void log.push('timer')), 0));
    expect(runAll(busySteps(log))).toBe(42);
    await timer;
    expect(log.indexOf('timer')).toBe(10);
  });

  it('runInSlices lets a waiting timer run between slices, and returns the same result', async () => {
    const log: string[] = [];
    const timer = new Promise<void>((resolve) => setTimeout(() => resolve(void log.push('timer')), 0));
    expect(await runInSlices(busySteps(log), 10)).toBe(42);
    await timer;
    // A slice of 10 ms holds two or three 5 ms steps: the timer ran long before the last.
    expect(log.indexOf('timer')).toBeGreaterThan(0);
    expect(log.indexOf('timer')).toBeLessThanOrEqual(4);
  });
});
