import { describe, expect, it } from 'vitest';
import { nameSegments } from '@/lib/format/name-segments';

describe('nameSegments', () => {
  it('cuts after dots, hyphens and underscores', () => {
    expect(nameSegments('demo.clickstream-archiver')).toEqual(['demo.', 'clickstream-', 'archiver']);
    expect(nameSegments('orders_v2')).toEqual(['orders_', 'v2']);
  });

  it('keeps a run of separators together, after the word before it', () => {
    expect(nameSegments('a--b..c')).toEqual(['a--', 'b..', 'c']);
  });

  it('leaves leading and trailing separators with their word', () => {
    expect(nameSegments('__consumer_offsets')).toEqual(['__consumer_', 'offsets']);
    expect(nameSegments('lagging-')).toEqual(['lagging-']);
    expect(nameSegments('-x')).toEqual(['-x']);
  });

  it('leaves a name without separators whole', () => {
    expect(nameSegments('clickstream')).toEqual(['clickstream']);
    expect(nameSegments('')).toEqual(['']);
  });

  it('gives back the name when the segments are joined', () => {
    for (const name of ['e2e-phone.abc_1.long-name', '...', 'a.b', '_a_']) {
      expect(nameSegments(name).join('')).toBe(name);
    }
  });
});
