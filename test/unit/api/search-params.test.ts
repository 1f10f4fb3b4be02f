import { describe, expect, it } from 'vitest';
import { DEFAULT_HISTORY_RANGE, historyRangeParam, searchString, segmentForDisplay } from '@/lib/api/search-params';

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

describe('segmentForDisplay', () => {
  it('decodes a %-encoded segment once', () => {
    expect(segmentForDisplay('no%20such%2Ftopic%C3%A9')).toBe('no such/topicé');
    expect(segmentForDisplay('g%2541')).toBe('g%41');
  });

  it('shows a malformed encoding as it is', () => {
    expect(segmentForDisplay('bad%E0%A4%A')).toBe('bad%E0%A4%A');
  });
});
