import { atRisk } from '@/lib/analysis/retention-risk';
/**
 * The consumer group list's filters and sort, kept in the URL query so a filtered
 * view can be shared: `?status=not-ok&risk=1&q=billing&sort=lag&dir=desc`.
 */
import type { GroupSummary } from '@/lib/api/schemas';
import { compareNullsLast, parseSortOrder, setSortParams, type SortOrder } from './sort-order';

export const GROUP_SORT_KEYS = ['group', 'status', 'state', 'members', 'lag', 'timeLag', 'risk'] as const;
export type GroupSortKey = (typeof GROUP_SORT_KEYS)[number];

export interface GroupListQuery extends SortOrder<GroupSortKey> {
  /** Only groups whose status is WARN or ERR. */
  notOk: boolean;
  /** Only groups at risk (see atRisk in lib/analysis/retention-risk.ts). */
  atRisk: boolean;
  /** Case-insensitive substring of the group id or of a topic it consumes. */
  text: string;
}

/** Worst first: that is what someone opening the list during an incident wants to see. */
export const DEFAULT_GROUP_LIST_QUERY: GroupListQuery = {
  notOk: false,
  atRisk: false,
  text: '',
  sort: 'status',
  dir: 'desc',
};

/** Reads the query from URL search params; unknown or missing values fall back to the defaults. */
export function parseGroupListQuery(params: { get(name: string): string | null }): GroupListQuery {
  return {
    notOk: params.get('status') === 'not-ok',
    atRisk: params.get('risk') === '1',
    text: params.get('q') ?? '',
    ...parseSortOrder(params, GROUP_SORT_KEYS, DEFAULT_GROUP_LIST_QUERY),
  };
}

/** The URL search string for a query ("" for the defaults), leaving default values out. */
export function groupListSearch(query: GroupListQuery): string {
  const params = new URLSearchParams();
  if (query.notOk) params.set('status', 'not-ok');
  if (query.atRisk) params.set('risk', '1');
  if (query.text !== '') params.set('q', query.text);
  setSortParams(params, query, DEFAULT_GROUP_LIST_QUERY);
  const search = params.toString();
  return search === '' ? '' : `?${search}`;
}

export function isNotOk(group: GroupSummary): boolean {
  return group.status === 'WARN' || group.status === 'AHEAD' || group.status === 'ERR';
}

export function isAtRisk(group: GroupSummary): boolean {
  return atRisk(group.lostMessages, group.secondsUntilLoss, group.lossInSight);
}

const SEVERITY = { OK: 0, WARN: 1, AHEAD: 2, ERR: 3 } as const;

/** A comparable value per sort key; null sorts last in either direction. */
function sortValue(group: GroupSummary, key: GroupSortKey): number | string | null {
  switch (key) {
    case 'group':
      return group.groupId;
    case 'status':
      return group.status === null ? null : SEVERITY[group.status];
    case 'state':
      return group.state;
    case 'members':
      return group.memberCount;
    case 'lag':
      return group.totalLag;
    case 'timeLag':
      return group.maxTimeLagSeconds;
    case 'risk':
      // Lost messages outrank any countdown; a shorter countdown is riskier.
      if (group.lostMessages > 0) return 1e15 + group.lostMessages;
      return group.secondsUntilLoss === null ? null : -group.secondsUntilLoss;
  }
}

function compare(a: number | string, b: number | string): number {
  return typeof a === 'string' && typeof b === 'string' ? a.localeCompare(b) : Number(a) - Number(b);
}

/** Filters, then sorts (ties by group id, ascending); returns a new array. */
export function visibleGroups(groups: GroupSummary[], query: GroupListQuery): GroupSummary[] {
  const text = query.text.trim().toLowerCase();
  const sign = query.dir === 'asc' ? 1 : -1;
  const value = (group: GroupSummary) => sortValue(group, query.sort);
  return groups
    .filter((group) => !query.notOk || isNotOk(group))
    .filter((group) => !query.atRisk || isAtRisk(group))
    .filter(
      (group) =>
        text === '' ||
        group.groupId.toLowerCase().includes(text) ||
        group.topics.some((topic) => topic.toLowerCase().includes(text)),
    )
    .sort((a, b) => compareNullsLast(value(a), value(b), sign, compare) || a.groupId.localeCompare(b.groupId));
}
