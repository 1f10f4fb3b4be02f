import { describe, expect, it } from 'vitest';
import { TimestampCache } from '@/lib/collector/timestamp-cache';

const answer = (offset: number, timestampMs: number) => ({
  topic: 't',
  partition: 0,
  offset,
  timestampMs,
  recordOffset: offset,
  error: null,
});

describe('TimestampCache', () => {
  it('keeps an answer while its offset is wanted, so it is read once', () => {
    const cache = new TimestampCache();
    const wanted = [{ topic: 't', partition: 0, offset: 5 }];
    expect(cache.plan(wanted, 10, 0)).toHaveLength(1);
    cache.store([answer(5, 1000)], 0);
    expect(cache.plan(wanted, 10, 3_600_000)).toEqual([]);
    expect(cache.at('t', 0, 5)?.timestampMs).toBe(1000);
  });

  it('reads again an answer older than refreshAfterMs (a compacted topic can remove its record)', () => {
    const cache = new TimestampCache();
    const wanted = [{ topic: 't', partition: 0, offset: 0, refreshAfterMs: 60_000 }];
    cache.store([answer(0, 1000)], 0);
    expect(cache.plan(wanted, 10, 60_000)).toEqual([]);
    expect(cache.plan(wanted, 10, 60_001)).toEqual([{ topic: 't', partition: 0, offset: 0 }]);
  });
});
