/** How a sortable list is ordered: by which column, in which direction. */
export type SortDirection = 'asc' | 'desc';

export interface SortOrder<K extends string> {
  sort: K;
  dir: SortDirection;
}

/**
 * The order after a click on column `key`: the same column flips its direction; another
 * column starts ascending if it is in `ascendingFirst` (names read A→Z), else descending
 * (numbers and severities worst first).
 */
export function nextSortOrder<K extends string>(
  current: SortOrder<K>,
  key: K,
  ascendingFirst: readonly K[],
): SortOrder<K> {
  if (key === current.sort) return { sort: key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { sort: key, dir: ascendingFirst.includes(key) ? 'asc' : 'desc' };
}

/** Reads `sort` and `dir` from URL search params; a missing or unknown value falls back to `fallback`'s. */
export function parseSortOrder<K extends string>(
  params: { get(name: string): string | null },
  keys: readonly K[],
  fallback: SortOrder<K>,
): SortOrder<K> {
  const sort = params.get('sort');
  const dir = params.get('dir');
  return {
    sort: keys.find((key) => key === sort) ?? fallback.sort,
    dir: dir === 'asc' || dir === 'desc' ? dir : fallback.dir,
  };
}

/** Sets `sort` and `dir` on `params`, both of them, unless the order is the list's default. */
export function setSortParams<K extends string>(
  params: URLSearchParams,
  order: SortOrder<K>,
  defaults: SortOrder<K>,
): void {
  if (order.sort === defaults.sort && order.dir === defaults.dir) return;
  params.set('sort', order.sort);
  params.set('dir', order.dir);
}

/**
 * Orders two rows' sort values: `compare`'s order times `sign` (1 ascending, -1 descending),
 * with null (unknown) last in either direction. 0 for a tie, which the caller breaks.
 */
export function compareNullsLast<V>(a: V | null, b: V | null, sign: 1 | -1, compare: (a: V, b: V) => number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return sign * compare(a, b);
}
