import { describe, expect, it } from 'vitest';
import { messagesDue } from '../../../scripts/workload/producer-loop';

describe('messagesDue', () => {
  it('is the messages the rate allows so far, minus those already sent or skipped', () => {
    expect(messagesDue(0, 50, 0)).toBe(0);
    expect(messagesDue(1_000, 50, 0)).toBe(50);
    expect(messagesDue(1_000, 50, 45)).toBe(5);
  });

  it('counts whole messages only, so rates below 1 msg/s send one every few seconds', () => {
    expect(messagesDue(1_999, 0.5, 0)).toBe(0);
    expect(messagesDue(2_000, 0.5, 0)).toBe(1);
  });

  it('is zero or less once everything due was attempted', () => {
    expect(messagesDue(1_000, 5, 5)).toBe(0);
    expect(messagesDue(1_000, 5, 7)).toBeLessThan(0);
  });
});
