/**
 * Whether, and how fast, a consumer is catching up with its producers.
 */

export type CatchUp = { catchUpSeconds: number } | { fallingBehindBy: number };

/**
 * Below this share of the produce rate, a difference between the consume and produce
 * rates is noise, not a trend. Both rates are counter deltas over a window of a minute
 * or more, and a consumer commits in steps, so the lag of a group that keeps up moves
 * by up to a commit interval's worth of messages: over a 60 s window that reads as
 * ±(commit interval / 60 s) of the produce rate, 3% for a 2 s commit interval. Longer
 * commit intervals can still flicker past the band (5 s, the Java client's default:
 * up to 8%); the band stays narrow so that a consumer really slower by more than 5%
 * is reported as falling behind.
 */
export const KEEPING_UP_SHARE = 0.05;

/** Messages per second: the dead band on a slow topic, where 5% of the rate is less than a message a minute. */
export const KEEPING_UP_MIN_RATE = 0.1;

/**
 * Time to consume the current lag at the current rates, or how fast the lag grows.
 *
 * - `lag` in messages, rates in messages per second.
 * - Lag ≤ 0: `{ catchUpSeconds: 0 }`, whatever the rates (nothing to catch up).
 * - Lag or either rate unknown (null): null.
 * - Keeping up: both rates above 0 and |consume − produce| under the dead band,
 *   max(KEEPING_UP_SHARE × produce, KEEPING_UP_MIN_RATE): `{ fallingBehindBy: 0 }`, the
 *   lag holds steady within what the rates can tell apart. A consumer that committed
 *   nothing (consume 0) or an idle producer (produce 0) is exact, so no band applies.
 * - Consuming faster than producing: `{ catchUpSeconds: lag / (consume − produce) }`.
 * - Otherwise: `{ fallingBehindBy: produce − consume }` messages per second
 *   (0: not gaining, not losing, e.g. both rates 0).
 */
export function catchUp(lag: number | null, produceRate: number | null, consumeRate: number | null): CatchUp | null {
  if (lag !== null && lag <= 0) return { catchUpSeconds: 0 };
  if (lag === null || produceRate === null || consumeRate === null) return null;
  if (keepingUp(produceRate, consumeRate)) return { fallingBehindBy: 0 };
  if (consumeRate > produceRate) return { catchUpSeconds: lag / (consumeRate - produceRate) };
  return { fallingBehindBy: produceRate - consumeRate };
}

/** Both rates (msg/s) above 0 and closer than the dead band: see catchUp. */
export function keepingUp(produceRate: number, consumeRate: number): boolean {
  if (produceRate <= 0 || consumeRate <= 0) return false;
  return Math.abs(consumeRate - produceRate) < Math.max(KEEPING_UP_SHARE * produceRate, KEEPING_UP_MIN_RATE);
}
