import { describe, expect, it } from 'vitest';
import { compareNullsLast, nextSortOrder, parseSortOrder, setSortParams } from '@/components/tables/sort-order';

const KEYS = ['name', 'size', 'lag'] as const;

describe('nextSortOrder', () => {
  it('flips the direction when the sorted column is clicked again', () => {
    expect(nextSortOrder({ sort: 'size', dir: 'desc' }, 'size', ['name'])).toEqual({ sort: 'size', dir: 'asc' });
    expect(nextSortOrder({ sort: 'size', dir: 'asc' }, 'size', ['name'])).toEqual({ sort: 'size', dir: 'desc' });
  });

  it('starts a new column ascending when it reads A→Z, descending otherwise', () => {
    expect(nextSortOrder({ sort: 'size', dir: 'asc' }, 'name', ['name'])).toEqual({ sort: 'name', dir: 'asc' });
    expect(nextSortOrder({ sort: 'name', dir: 'asc' }, 'lag', ['name'])).toEqual({ sort: 'lag', dir: 'desc' });
  });
});

describe('parseSortOrder', () => {
  const fallback = { sort: 'name', dir: 'asc' } as const;

  it('reads a known column and direction', () => {
    expect(parseSortOrder(new URLSearchParams('sort=lag&dir=desc'), KEYS, fallback)).toEqual({
      sort: 'lag',
      dir: 'desc',
    });
  });

  it('falls back for each value that is missing or unknown on its own', () => {
    expect(parseSortOrder(new URLSearchParams('sort=age&dir=desc'), KEYS, fallback)).toEqual({
      sort: 'name',
      dir: 'desc',
    });
    expect(parseSortOrder(new URLSearchParams('sort=lag'), KEYS, fallback)).toEqual({ sort: 'lag', dir: 'asc' });
  });
});

describe('setSortParams', () => {
  const defaults = { sort: 'name', dir: 'asc' } as const;

  it('writes nothing for the default order', () => {
    const params = new URLSearchParams();
    setSortParams(params, defaults, defaults);
    expect(params.toString()).toBe('');
  });

  it('writes both the column and the direction when either differs', () => {
    const params = new URLSearchParams('q=x');
    setSortParams(params, { sort: 'name', dir: 'desc' }, defaults);
    expect(params.toString()).toBe('q=x&sort=name&dir=desc');
  });
});

describe('compareNullsLast', () => {
  const byNumber = (a: number, b: number) => a - b;

  it('orders known values in the given direction', () => {
    expect(compareNullsLast(1, 2, 1, byNumber)).toBeLessThan(0);
    expect(compareNullsLast(1, 2, -1, byNumber)).toBeGreaterThan(0);
  });

  it('puts unknown values last in either direction and calls two unknowns a tie', () => {
    for (const sign of [1, -1] as const) {
      expect(compareNullsLast(null, 2, sign, byNumber)).toBe(1);
      expect(compareNullsLast(2, null, sign, byNumber)).toBe(-1);
      expect(compareNullsLast(null, null, sign, byNumber)).toBe(0);
    }
  });
});
