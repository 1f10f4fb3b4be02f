'use client';
import { useState } from 'react';
import { replaceSearch } from '@/components/ui/replace-search';
import { nextSortOrder, type SortOrder } from './sort-order';

interface ListQueryOptions<K extends string, Q extends SortOrder<K>> {
  /** The query the page's URL asked for. */
  initial: () => Q;
  /** The URL search string for a query ("" for the defaults). */
  toSearch: (query: Q) => string;
  /** Columns that sort A→Z on their first click. */
  ascendingFirst: readonly K[];
}

/**
 * A list's filters and sort, kept in the URL so a filtered view can be shared: `update`
 * merges a change in, `onSort` is what a column header calls.
 */
export function useListQuery<K extends string, Q extends SortOrder<K>>({
  initial,
  toSearch,
  ascendingFirst,
}: ListQueryOptions<K, Q>) {
  const [query, setQuery] = useState(initial);
  const apply = (next: Q) => {
    setQuery(next);
    replaceSearch(toSearch(next));
  };
  const update = (change: Partial<Q>) => apply({ ...query, ...change });
  const onSort = (key: K) => apply({ ...query, ...nextSortOrder(query, key, ascendingFirst) });
  return { query, update, onSort };
}
