/**
 * Bounded waits for kafkajs calls, which can wait much longer than a demo should (a
 * request to a stopped broker, retries with backoff up to 30 s).
 */

export class TimeoutError extends Error {}

/**
 * `promise`, or a TimeoutError naming `what` after `timeoutMs`. The promise is not
 * cancelled: `onLate` receives its value if it resolves after the timeout (to close a
 * client whose connect finished too late, say).
 */
export function settleWithin<T>(
  promise: Promise<T>,
  timeoutMs: number,
  what: string,
  onLate: (value: T) => void = () => undefined,
): Promise<T> {
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new TimeoutError(`${what} took more than ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  const settled = promise.then((value) => {
    if (timedOut) onLate(value);
    return value;
  });
  // A rejection after the timeout has nobody waiting for it.
  settled.catch(() => undefined);
  return Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
}

/** A sleep that `wake()` ends early (for loops that must stop promptly). */
export function interruptibleSleep(): { sleep(ms: number): Promise<void>; wake(): void } {
  const sleepers = new Set<() => void>();
  return {
    sleep(ms: number) {
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          sleepers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        sleepers.add(done);
      });
    },
    wake() {
      for (const done of [...sleepers]) done();
    },
  };
}
