import { describe, expect, it } from 'vitest';
import { AnswerCache, joinJsonObjects } from '@/lib/api/answer-cache';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

/** A cache and a rest builder that counts its calls. */
function counted(rest: object = { groups: [{ id: 'g' }] }) {
  const calls = { count: 0 };
  return { cache: new AnswerCache(), calls, build: () => (calls.count++, rest) };
}

describe('joinJsonObjects', () => {
  it('puts the head keys first, then the rest, as one object', () => {
    const joined = joinJsonObjects(JSON.stringify({ a: 1, s: 'x}' }), JSON.stringify({ b: [1, { c: 2 }] }));
    expect(JSON.parse(joined)).toEqual({ a: 1, s: 'x}', b: [1, { c: 2 }] });
    expect(joined).toBe(JSON.stringify({ a: 1, s: 'x}', b: [1, { c: 2 }] }));
  });

  it('keeps either side alone when the other is empty', () => {
    expect(joinJsonObjects('{}', '{"b":1}')).toBe('{"b":1}');
    expect(joinJsonObjects('{"a":1}', '{}')).toBe('{"a":1}');
    expect(joinJsonObjects('{}', '{}')).toBe('{}');
  });
});

describe('AnswerCache', () => {
  const snapshot = {};
  const analysis = {};

  it('serializes head and rest as the object they make together', () => {
    const { cache, build } = counted();
    const body = cache.answer('c', [snapshot, analysis], { collectedAt: 5, stale: false }, build);
    expect(JSON.parse(text(body.bytes))).toEqual({ collectedAt: 5, stale: false, groups: [{ id: 'g' }] });
  });

  it('builds the rest once per stamp and gives the same body and ETag while the head stays', () => {
    const { cache, calls, build } = counted();
    const first = cache.answer('c', [snapshot, analysis], { collectedAt: 5 }, build);
    const second = cache.answer('c', [snapshot, analysis], { collectedAt: 5 }, build);
    expect(calls.count).toBe(1);
    expect(second).toBe(first);
    expect(second.etag).toMatch(/^W\/"[\w-]+"$/);
  });

  it('builds again when any object of the stamp is another one (the next cycle)', () => {
    const { cache, calls, build } = counted();
    const first = cache.answer('c', [snapshot, analysis], { collectedAt: 5 }, build);
    cache.answer('c', [snapshot, {}], { collectedAt: 5 }, build);
    expect(calls.count).toBe(2);
    cache.answer('c', [{}, analysis, 'extra'], { collectedAt: 5 }, build);
    expect(calls.count).toBe(3);
    // The same content after a rebuild has the same ETag: it is made from the bytes.
    expect(cache.answer('c', [snapshot, analysis], { collectedAt: 5 }, build).etag).toBe(first.etag);
  });

  it('changes body and ETag with the head without building the rest again', () => {
    const { cache, calls, build } = counted();
    const fresh = cache.answer('c', [snapshot, analysis], { stale: false }, build);
    const stale = cache.answer('c', [snapshot, analysis], { stale: true, error: 'no cycle for 31 s' }, build);
    expect(calls.count).toBe(1);
    expect(stale.etag).not.toBe(fresh.etag);
    expect(JSON.parse(text(stale.bytes))).toMatchObject({ stale: true, groups: [{ id: 'g' }] });
  });

  it('keeps one entry per slot, apart from the other slots', () => {
    const { cache, calls, build } = counted();
    cache.answer('a', [snapshot], {}, build);
    cache.answer('b', [snapshot], {}, build);
    cache.answer('a', [snapshot], {}, build);
    expect(calls.count).toBe(2);
  });
});
