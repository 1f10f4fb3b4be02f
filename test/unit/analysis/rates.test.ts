import { describe, expect, it } from 'vitest';
import { bytesInRate, bytesPerMessage, counterRate, sumRates, type CounterSample } from '@/lib/analysis/rates';

/** Samples from [seconds, value] pairs, times as epoch ms from a fixed origin. */
function samples(...pairs: [seconds: number, value: number][]): CounterSample[] {
  return pairs.map(([seconds, value]) => ({ t: T0 + seconds * 1000, value }));
}

const T0 = 1_700_000_000_000;
const OPTIONS = { windowMs: 60_000, maxGapMs: 30_000 };

describe('counterRate', () => {
  it('is unknown with no samples or only one', () => {
    expect(counterRate([], OPTIONS)).toBeNull();
    expect(counterRate(samples([0, 100]), OPTIONS)).toBeNull();
  });

  it('divides the growth by the elapsed seconds between two samples', () => {
    expect(counterRate(samples([0, 100], [10, 150]), OPTIONS)).toBe(5);
  });

  it('is 0 for a counter that did not move', () => {
    expect(counterRate(samples([0, 100], [10, 100]), OPTIONS)).toBe(0);
  });

  it('takes the base from the oldest sample inside the window, ignoring older ones', () => {
    const rate = counterRate(samples([0, 0], [50, 1000], [70, 1100], [110, 1500]), OPTIONS);
    expect(rate).toBe((1500 - 1000) / 60);
  });

  it('counts a sample exactly at the window start as inside it', () => {
    expect(counterRate(samples([0, 0], [60, 600]), OPTIONS)).toBe(10);
  });

  it('falls back to the previous sample when only the newest is in the window and the gap is short', () => {
    const rate = counterRate(samples([0, 0], [80, 800]), { windowMs: 60_000, maxGapMs: 90_000 });
    expect(rate).toBe(10);
  });

  it('is unknown when the gap before the newest sample is longer than maxGapMs', () => {
    expect(counterRate(samples([0, 0], [80, 800]), OPTIONS)).toBeNull();
  });

  it('accepts a fallback gap exactly equal to maxGapMs', () => {
    expect(counterRate(samples([0, 0], [80, 800]), { windowMs: 60_000, maxGapMs: 80_000 })).toBe(10);
  });

  it('treats a decrease as a reset and is unknown right after it, never negative', () => {
    expect(counterRate(samples([0, 5000], [10, 6000], [20, 30]), OPTIONS)).toBeNull();
  });

  it('measures only from the reset onwards once there are two samples after it', () => {
    expect(counterRate(samples([0, 5000], [10, 6000], [20, 30], [30, 130]), OPTIONS)).toBe(10);
  });

  it('uses the last of several resets', () => {
    expect(counterRate(samples([0, 500], [10, 10], [20, 400], [30, 20], [40, 70]), OPTIONS)).toBe(5);
  });

  it('is unknown when the two samples share a time', () => {
    expect(counterRate(samples([10, 100], [10, 200]), OPTIONS)).toBeNull();
  });
});

describe('sumRates', () => {
  it('adds the known rates and skips unknown ones', () => {
    expect(sumRates([1.5, null, 2.5])).toBe(4);
  });

  it('is unknown when every rate is unknown or there are none', () => {
    expect(sumRates([null, null])).toBeNull();
    expect(sumRates([])).toBeNull();
  });

  it('keeps a known rate of 0 as 0', () => {
    expect(sumRates([0, null])).toBe(0);
  });
});

describe('bytesPerMessage', () => {
  it('divides the size by the retained offsets', () => {
    expect(bytesPerMessage(10_000, 100, 200)).toBe(100);
  });

  it('is unknown for a partition with no retained message', () => {
    expect(bytesPerMessage(0, 200, 200)).toBeNull();
    expect(bytesPerMessage(512, 0, 0)).toBeNull();
  });
});

describe('bytesInRate', () => {
  it('multiplies messages per second by bytes per message', () => {
    expect(bytesInRate(20, 150)).toBe(3000);
  });

  it('is unknown when either factor is unknown', () => {
    expect(bytesInRate(null, 150)).toBeNull();
    expect(bytesInRate(20, null)).toBeNull();
  });

  it('is 0 for an idle topic with a known message size', () => {
    expect(bytesInRate(0, 150)).toBe(0);
  });
});
