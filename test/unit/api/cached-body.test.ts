import { describe, expect, it } from 'vitest';
import { cachedBody, etagMatches } from '@/lib/api/cached-body';

describe('cachedBody', () => {
  it('keeps the bytes it was made from', () => {
    expect(Buffer.from(cachedBody(Buffer.from('{"a":1}')).bytes).toString()).toBe('{"a":1}');
  });

  it('has one weak ETag per content', () => {
    expect(cachedBody(Buffer.from('x')).etag).toBe(cachedBody(Buffer.from('x')).etag);
    expect(cachedBody(Buffer.from('x')).etag).not.toBe(cachedBody(Buffer.from('y')).etag);
    expect(cachedBody(Buffer.from('x')).etag).toMatch(/^W\/"/);
  });
});

describe('etagMatches', () => {
  const etag = 'W/"abc"';

  it('matches the same tag, weak or strong, alone or in a list', () => {
    expect(etagMatches('W/"abc"', etag)).toBe(true);
    expect(etagMatches('"abc"', etag)).toBe(true);
    expect(etagMatches('"x", W/"abc"', etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
  });

  it('does not match another tag, a missing header or a part of the tag', () => {
    expect(etagMatches('W/"abd"', etag)).toBe(false);
    expect(etagMatches(null, etag)).toBe(false);
    expect(etagMatches('', etag)).toBe(false);
    expect(etagMatches('W/"ab"', etag)).toBe(false);
  });
});
