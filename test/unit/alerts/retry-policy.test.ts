import { describe, expect, it } from 'vitest';
import { isPermanentStatus, retryAfterMs, retryDelayMs } from '@/lib/alerts/notifiers/retry-policy';

describe('isPermanentStatus', () => {
  it('is true for a 4xx, which sending again cannot fix', () => {
    expect([400, 401, 403, 404, 410, 413, 422].map(isPermanentStatus)).toEqual(Array(7).fill(true));
  });

  it('is false for 408 and 429, which ask to try later, and for 5xx', () => {
    expect([408, 429, 500, 502, 503, 504].map(isPermanentStatus)).toEqual(Array(6).fill(false));
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-05-01T12:00:00Z');

  it('reads delay-seconds', () => {
    expect(retryAfterMs('1', now)).toBe(1_000);
    expect(retryAfterMs(' 120 ', now)).toBe(120_000);
    expect(retryAfterMs('0', now)).toBe(0);
  });

  it('reads an HTTP date as the time until it, and a date already past as 0', () => {
    expect(retryAfterMs('Fri, 01 May 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Fri, 01 May 2026 11:59:00 GMT', now)).toBe(0);
  });

  it('is null when absent or unreadable, so the backoff applies', () => {
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('', now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('-1', now)).toBeNull();
    expect(retryAfterMs('1.5', now)).toBeNull();
  });
});

describe('retryDelayMs', () => {
  const backoff = { backoffMs: 1_000, maxBackoffMs: 60_000 };

  it('doubles the backoff per attempt up to the cap', () => {
    expect([1, 2, 3, 6, 7, 10].map((attempt) => retryDelayMs(attempt, backoff, null))).toEqual([
      1_000, 2_000, 4_000, 32_000, 60_000, 60_000,
    ]);
  });

  it("takes the receiver's Retry-After over the backoff, shorter or longer, but never past the cap", () => {
    expect(retryDelayMs(3, backoff, 500)).toBe(500);
    expect(retryDelayMs(1, backoff, 30_000)).toBe(30_000);
    expect(retryDelayMs(1, backoff, 3_600_000)).toBe(60_000);
  });
});
