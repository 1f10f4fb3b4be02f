import { describe, expect, it } from 'vitest';
import { isSecondInterrupt, REPEAT_WINDOW_MS } from '../../../../scripts/bench/interrupt';

describe('isSecondInterrupt', () => {
  it('is false for the first signal', () => {
    expect(isSecondInterrupt(null, 5_000)).toBe(false);
  });

  it('is false for the same Ctrl-C passed on by npm or tsx a moment later', () => {
    expect(isSecondInterrupt(5_000, 5_000)).toBe(false);
    expect(isSecondInterrupt(5_000, 5_000 + REPEAT_WINDOW_MS - 1)).toBe(false);
  });

  it('is true for a Ctrl-C pressed again later', () => {
    expect(isSecondInterrupt(5_000, 5_000 + REPEAT_WINDOW_MS)).toBe(true);
  });
});
