/**
 * Long synchronous work cut into slices, so the server's event loop answers requests and
 * timers between them: at 10,000 partitions a cycle's analysis runs for hundreds of
 * milliseconds, and a health check waiting behind it fails its probe.
 *
 * The work is written once as a generator that `yield`s at points where it may pause (each
 * pause costs nothing when the slice has time left); `runAll` runs it at once (tests, the
 * restart reload), `runInSlices` gives the event loop a turn whenever a slice has run for
 * `sliceMs`.
 */
import { setImmediate } from 'node:timers/promises';

/** Lets whatever waits on the event loop (requests, timers) run, then goes on. */
export const nextTurn = (): Promise<void> => setImmediate();

export type Steps<T> = Generator<void, T, void>;

/** A slice this long keeps a health check's wait well under 50 ms. */
export const SLICE_MS = 10;

export function runAll<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export async function runInSlices<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
