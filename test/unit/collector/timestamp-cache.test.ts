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

describe('TimestampCache refusals', () => {
  const refused = (topic: string, offset: number) => ({
    topic,
    partition: 0,
    offset,
    timestampMs: null,
    recordOffset: null,
    error: 'TOPIC_AUTHORIZATION_FAILED',
  });

  it('leaves a topic that refused Read alone until the retry interval has passed', () => {
    const cache = new TimestampCache(60_000);
    const wanted = [
      { topic: 't', partition: 0, offset: 5 },
      { topic: 'u', partition: 0, offset: 7 },
    ];
    cache.store([refused('t', 5)], 0);
    expect(cache.refusedTopics()).toEqual(['t']);
    // A new committed offset on the refused topic is not asked either.
    expect(cache.plan([...wanted, { topic: 't', partition: 0, offset: 6 }], 10, 59_999)).toEqual([wanted[1]]);
    expect(cache.plan(wanted, 10, 60_000)).toEqual(wanted);
  });

  it('stays refused when the retry is refused again, and ends when Read is granted', () => {
    const cache = new TimestampCache(60_000);
    const wanted = [{ topic: 't', partition: 0, offset: 5 }];
    cache.store([refused('t', 5)], 0);
    cache.store([refused('t', 5)], 60_000);
    expect(cache.plan(wanted, 10, 100_000)).toEqual([]);
    expect(cache.refusedTopics()).toEqual(['t']);
    cache.store([answer(5, 1000)], 120_000);
    expect(cache.refusedTopics()).toEqual([]);
    expect(cache.at('t', 0, 5)?.timestampMs).toBe(1000);
  });

  it('is still refused while a retry is due but not yet asked (no false recovery)', () => {
    const cache = new TimestampCache(60_000);
    cache.store([refused('t', 5)], 0);
    cache.plan([{ topic: 't', partition: 0, offset: 5 }], 0, 120_000);
    expect(cache.refusedTopics()).toEqual(['t']);
  });

  it('forgets the refusal of a topic no longer wanted', () => {
    const cache = new TimestampCache(60_000);
    cache.store([refused('t', 5)], 0);
    cache.plan([{ topic: 'u', partition: 0, offset: 1 }], 10, 1000);
    expect(cache.refusedTopics()).toEqual([]);
  });

  it('keeps a refusal through a passing error, which says nothing about permissions', () => {
    const cache = new TimestampCache(60_000);
    cache.store([refused('t', 5)], 0);
    cache.store([{ ...refused('t', 5), error: 'REQUEST_TIMED_OUT' }], 70_000);
    expect(cache.refusedTopics()).toEqual(['t']);
  });
});
