/**
 * Whether, and how fast, a consumer is catching up with its producers.
 */

export type CatchUp = { catchUpSeconds: number } | { fallingBehindBy: number };

/**
 * Time to consume the current lag at the current rates, or how fast the lag grows.
 *
 * - `lag` in messages, rates in messages per second.
 * - Lag ≤ 0: `{ catchUpSeconds: 0 }`, whatever the rates (nothing to catch up).
 * - Lag or either rate unknown (null): null.
 * - Consuming faster than producing: `{ catchUpSeconds: lag / (consume − produce) }`.
 * - Otherwise: `{ fallingBehindBy: produce − consume }` messages per second
 *   (0: not gaining, not losing).
 */
export function catchUp(lag: number | null, produceRate: number | null, consumeRate: number | null): CatchUp | null {
  if (lag !== null && lag <= 0) return { catchUpSeconds: 0 };
  if (lag === null || produceRate === null || consumeRate === null) return null;
  if (consumeRate > produceRate) return { catchUpSeconds: lag / (consumeRate - produceRate) };
  return { fallingBehindBy: produceRate - consumeRate };
}
