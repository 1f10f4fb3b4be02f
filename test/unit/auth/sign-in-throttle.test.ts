import { describe, expect, it } from 'vitest';
import { isThrottled, SignInLimits, SignInThrottle, throttleKey } from '@/lib/auth/sign-in-throttle';

describe('SignInThrottle', () => {
  it('lets an address try until its limit of failures in the window, then says how long to wait', () => {
    const throttle = new SignInThrottle(3, 60_000);
    const key = throttleKey('10.0.0.1', 'ann');
    for (const t of [0, 10_000, 20_000]) {
      expect(throttle.retryAfterMs(key, t)).toBe(0);
      throttle.failed(key, t);
    }
    expect(throttle.retryAfterMs(key, 30_000)).toBe(30_000); // the first failure leaves the window at 60 s
    expect(throttle.retryAfterMs(key, 59_999)).toBe(1);
    expect(throttle.retryAfterMs(key, 60_000)).toBe(0);
  });

  it('counts each address and name on its own', () => {
    const throttle = new SignInThrottle(2, 60_000);
    throttle.failed(throttleKey('10.0.0.1', 'ann'), 0);
    throttle.failed(throttleKey('10.0.0.1', 'ann'), 1);
    expect(throttle.retryAfterMs(throttleKey('10.0.0.1', 'ann'), 2)).toBeGreaterThan(0);
    expect(throttle.retryAfterMs(throttleKey('10.0.0.2', 'ann'), 2)).toBe(0);
    expect(throttle.retryAfterMs(throttleKey('10.0.0.1', 'ben'), 2)).toBe(0);
    // A name holding the separator cannot stand for another address.
    expect(throttleKey('10.0.0.1', 'a\u0000b')).not.toBe(throttleKey('10.0.0.1\u0000a', 'b'));
  });

  it('keeps failures beyond the limit from extending the wait past the window of the last ones', () => {
    const throttle = new SignInThrottle(2, 10_000);
    for (let t = 0; t < 100; t++) throttle.failed('k', t * 100);
    expect(throttle.retryAfterMs('k', 9_900)).toBe(9_900 + 10_000 - 9_900 - 100);
  });

  it('forgets the longest-quiet addresses beyond its size', () => {
    const throttle = new SignInThrottle(1, 60_000, 2);
    throttle.failed('a', 0);
    throttle.failed('b', 1);
    throttle.failed('c', 2);
    expect(throttle.retryAfterMs('a', 3)).toBe(0);
    expect(throttle.retryAfterMs('b', 3)).toBeGreaterThan(0);
    expect(throttle.retryAfterMs('c', 3)).toBeGreaterThan(0);
  });

  it('tells a throttled answer from a principal and from null', () => {
    expect(isThrottled({ throttled: true, retryAfterMs: 5 })).toBe(true);
    expect(isThrottled(null)).toBe(false);
    expect(isThrottled({ name: 'ann', via: 'basic', grants: [] })).toBe(false);
  });
});

describe('SignInLimits', () => {
  it('stops an address that tries a new name every time, once it spends its budget per address', () => {
    const limits = new SignInLimits(new SignInThrottle(3, 60_000), new SignInThrottle(5, 60_000));
    for (let i = 0; i < 5; i++) {
      expect(limits.retryAfterMs('10.0.0.1', `user-${i}`, i * 1_000)).toBe(0);
      limits.failed('10.0.0.1', `user-${i}`, i * 1_000);
    }
    expect(limits.retryAfterMs('10.0.0.1', 'yet-another', 5_000)).toBe(55_000);
    expect(limits.retryAfterMs('10.0.0.1', 'user-0', 60_000)).toBe(0);
    expect(limits.retryAfterMs('10.0.0.2', 'yet-another', 5_000)).toBe(0);
  });

  it('keeps the smaller limit per name within the budget of the address', () => {
    const limits = new SignInLimits(new SignInThrottle(3, 60_000), new SignInThrottle(5, 60_000));
    for (const t of [0, 1, 2]) limits.failed('10.0.0.1', 'ann', t);
    expect(limits.retryAfterMs('10.0.0.1', 'ann', 3)).toBe(60_000 - 3);
    expect(limits.retryAfterMs('10.0.0.1', 'ben', 3)).toBe(0);
  });

  it('waits for the later of the two limits', () => {
    const limits = new SignInLimits(new SignInThrottle(2, 60_000), new SignInThrottle(3, 10_000));
    limits.failed('10.0.0.1', 'ann', 0);
    limits.failed('10.0.0.1', 'ann', 1_000);
    limits.failed('10.0.0.1', 'ben', 2_000);
    // Per address, free again at 10 s; for ann, at 60 s.
    expect(limits.retryAfterMs('10.0.0.1', 'ben', 3_000)).toBe(7_000);
    expect(limits.retryAfterMs('10.0.0.1', 'ann', 3_000)).toBe(57_000);
  });

  it('allows 10 failures per name and 30 per address in a minute by default', () => {
    const limits = new SignInLimits();
    expect([limits.perName.limit, limits.perName.windowMs]).toEqual([10, 60_000]);
    expect([limits.perAddress.limit, limits.perAddress.windowMs]).toEqual([30, 60_000]);
  });
});
