import { describe, expect, it } from 'vitest';
import { DEFAULT_HISTORY_RANGE, historyRangeParam, searchString } from '@/lib/api/search-params';

describe('historyRangeParam', () => {
  it('reads a range the history API serves', () => {
    expect(historyRangeParam({ range: '7d' })).toBe('7d');
  });

  it('falls back to the default when the range is missing, unknown or repeated', () => {
    expect(historyRangeParam({})).toBe(DEFAULT_HISTORY_RANGE);
    expect(historyRangeParam({ range: '2h' })).toBe(DEFAULT_HISTORY_RANGE);
    expect(historyRangeParam({ range: ['6h', '24h'] })).toBe(DEFAULT_HISTORY_RANGE);
  });
});

describe('searchString', () => {
  it('keeps the single-valued parameters, encoded, and drops repeated or empty ones', () => {
    expect(searchString({ q: 'a b', sort: 'lag', dir: ['asc', 'desc'], risk: undefined })).toBe('q=a+b&sort=lag');
  });

  it('is empty without parameters', () => {
    expect(searchString({})).toBe('');
  });
});
