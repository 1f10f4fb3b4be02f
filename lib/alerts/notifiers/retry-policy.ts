/**
 * When a webhook delivery is tried again, and after how long: pure, so the edges
 * (a Retry-After date in the past, one beyond the cap, an unreadable one) are unit-tested.
 */

/**
 * A 4xx answer says the request itself is wrong (a revoked token, a deleted channel,
 * a body the receiver refuses): sending it again cannot succeed. Except 408 (the
 * receiver timed out reading it) and 429 (too many requests: later will do).
 */
export function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * A Retry-After header in milliseconds from `nowMs`: delay-seconds ("120") or an HTTP
 * date ("Wed, 21 Oct 2015 07:28:00 GMT"). A date already past is 0; an absent or
 * unreadable header is null (the caller's own backoff applies).
 */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  const value = header?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Date.parse would also read "-1" or "1.5" as years: a date has a month or weekday name.
  if (!/[A-Za-z]/.test(value)) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/**
 * The wait after failed attempt `attempt` (1 for the first): the receiver's Retry-After
 * when it gave one, otherwise `backoffMs` doubling per attempt; never above `maxBackoffMs`.
 */
export function retryDelayMs(
  attempt: number,
  backoff: { backoffMs: number; maxBackoffMs: number },
  retryAfter: number | null,
): number {
  const wait = retryAfter ?? backoff.backoffMs * 2 ** (attempt - 1);
  return Math.min(backoff.maxBackoffMs, wait);
}
