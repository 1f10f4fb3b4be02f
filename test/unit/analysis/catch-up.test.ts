import { describe, expect, it } from 'vitest';
import { catchUp, keepingUp } from '@/lib/analysis/catch-up';

describe('catchUp', () => {
  it('is caught up (0 s) with no lag, even when the rates are unknown', () => {
    expect(catchUp(0, 10, 5)).toEqual({ catchUpSeconds: 0 });
    expect(catchUp(0, null, null)).toEqual({ catchUpSeconds: 0 });
  });

  it('divides the lag by how much faster the consumer is than the producer', () => {
    expect(catchUp(1200, 10, 30)).toEqual({ catchUpSeconds: 60 });
  });

  it('catches up at the consume rate on an idle topic', () => {
    expect(catchUp(500, 0, 50)).toEqual({ catchUpSeconds: 10 });
  });

  it('reports how fast the lag grows when the producer is faster', () => {
    expect(catchUp(1200, 30, 10)).toEqual({ fallingBehindBy: 20 });
  });

  it('reports falling behind by 0 when the rates are equal', () => {
    expect(catchUp(1200, 25, 25)).toEqual({ fallingBehindBy: 0 });
  });

  it('reports a stopped consumer as falling behind by the whole produce rate', () => {
    expect(catchUp(1200, 8, 0)).toEqual({ fallingBehindBy: 8 });
  });

  it('reads a consumer within 5% of a busy producer as keeping up, not falling behind', () => {
    // The case: lag 21, consumed 0.28 msg/s slower than a 50 msg/s producer.
    expect(catchUp(21, 50, 49.72)).toEqual({ fallingBehindBy: 0 });
    expect(catchUp(21, 50, 52)).toEqual({ fallingBehindBy: 0 });
  });

  it('reports falling behind and catching up once the difference passes 5% of the produce rate', () => {
    expect(catchUp(21, 50, 47)).toEqual({ fallingBehindBy: 3 });
    expect(catchUp(300, 50, 53)).toEqual({ catchUpSeconds: 100 });
  });

  it('holds a slow topic to a band of 0.1 msg/s rather than 5% of its rate', () => {
    expect(catchUp(4, 1, 0.95)).toEqual({ fallingBehindBy: 0 });
    expect(catchUp(4, 1, 0.8)).toEqual({ fallingBehindBy: expect.closeTo(0.2, 9) });
  });

  it('is unknown when the lag or a rate is unknown', () => {
    expect(catchUp(null, 10, 30)).toBeNull();
    expect(catchUp(1200, null, 30)).toBeNull();
    expect(catchUp(1200, 10, null)).toBeNull();
  });
});

describe('keepingUp', () => {
  it('is true inside the band: under max(5% of the produce rate, 0.1 msg/s) apart', () => {
    expect(keepingUp(100, 95.1)).toBe(true);
    expect(keepingUp(100, 104.9)).toBe(true);
    expect(keepingUp(0.5, 0.41)).toBe(true);
  });

  it('is false at the edge of the band and beyond', () => {
    expect(keepingUp(100, 95)).toBe(false);
    expect(keepingUp(100, 106)).toBe(false);
    expect(keepingUp(0.5, 0.39)).toBe(false);
  });

  it('is false when either rate is 0: nothing consumed, or nothing produced, is exact', () => {
    expect(keepingUp(0.05, 0)).toBe(false);
    expect(keepingUp(0, 0.05)).toBe(false);
    expect(keepingUp(0, 0)).toBe(false);
  });
});
