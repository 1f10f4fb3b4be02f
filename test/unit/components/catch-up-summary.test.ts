import { describe, expect, it } from 'vitest';
import { catchUpSummary } from '@/components/ui/catch-up-summary';

describe('catchUpSummary', () => {
  it('says caught up when there is nothing to catch up', () => {
    expect(catchUpSummary({ catchUpSeconds: 0 })).toEqual({ tone: 'ok', text: 'caught up' });
  });

  it('gives the time to catch up when consumers are faster', () => {
    expect(catchUpSummary({ catchUpSeconds: 754 })).toEqual({ tone: 'ok', text: 'catches up in ~12m 34s' });
  });

  it('gives the rate the lag grows by when producers are faster', () => {
    expect(catchUpSummary({ fallingBehindBy: 15.25 })).toEqual({ tone: 'err', text: 'falling behind by 15.3 msg/s' });
  });

  it('says a consuming group within the dead band keeps up, not that it falls behind', () => {
    expect(catchUpSummary({ fallingBehindBy: 0, consumeRate: 49.72 })).toEqual({
      tone: 'ok',
      text: 'keeping up: consumed about as fast as produced',
    });
  });

  it('warns that a group consuming nothing is not catching up, though its lag holds', () => {
    expect(catchUpSummary({ fallingBehindBy: 0, consumeRate: 0 })).toEqual({
      tone: 'warn',
      text: 'not catching up: nothing consumed, the lag holds steady',
    });
    expect(catchUpSummary({ fallingBehindBy: 0 }).tone).toBe('warn');
  });

  it('says a group committed past the end will reset, not that it is caught up', () => {
    const summary = catchUpSummary({ status: 'AHEAD' });
    expect(summary.tone).toBe('warn');
    expect(summary.text).toMatch(/past the end of the log.*auto\.offset\.reset/);
  });

  it('says the catch-up is unknown without rates', () => {
    expect(catchUpSummary({})).toEqual({ tone: 'muted', text: 'catch-up unknown until rates are measured' });
  });
});
