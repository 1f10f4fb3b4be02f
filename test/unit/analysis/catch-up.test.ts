import { describe, expect, it } from 'vitest';
import { catchUp } from '@/lib/analysis/catch-up';

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

  it('is unknown when the lag or a rate is unknown', () => {
    expect(catchUp(null, 10, 30)).toBeNull();
    expect(catchUp(1200, null, 30)).toBeNull();
    expect(catchUp(1200, 10, null)).toBeNull();
  });
});
