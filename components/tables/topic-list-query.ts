/**
 * The topic list's search, internal-topic toggle and sort, kept in the URL query so a view
 * can be shared: `?q=orders&internal=1&sort=size&dir=desc`.
 */
import type { GroupSummary, TopicSummary } from '@/lib/api/schemas';
import { isCompactionOnly, retentionUsageFraction } from '@/components/ui/topic-retention';
import { compareNullsLast, parseSortOrder, setSortParams, type SortOrder } from './sort-order';

export const TOPIC_SORT_KEYS = [
  'name',
  'partitions',
  'rf',
  'produceRate',
  'size',
  'retentionMs',
  'retentionBytes',
  'oldest',
  'usage',
  'underReplicated',
  'groups',
] as const;
export type TopicSortKey = (typeof TOPIC_SORT_KEYS)[number];

export interface TopicListQuery extends SortOrder<TopicSortKey> {
  /** Case-insensitive substring of the topic name. */
  text: string;
  /** Also list internal topics (__consumer_offsets, __transaction_state). */
  internal: boolean;
}

/** People come to this list for topics they own: A→Z, internal topics out of the way. */
export const DEFAULT_TOPIC_LIST_QUERY: TopicListQuery = { text: '', internal: false, sort: 'name', dir: 'asc' };

/** Reads the query from URL search params; unknown or missing values fall back to the defaults. */
export function parseTopicListQuery(params: { get(name: string): string | null }): TopicListQuery {
  return {
    text: params.get('q') ?? '',
    internal: params.get('internal') === '1',
    ...parseSortOrder(params, TOPIC_SORT_KEYS, DEFAULT_TOPIC_LIST_QUERY),
  };
}

/** The URL search string for a query ("" for the defaults), leaving default values out. */
export function topicListSearch(query: TopicListQuery): string {
  const params = new URLSearchParams();
  if (query.text !== '') params.set('q', query.text);
  if (query.internal) params.set('internal', '1');
  setSortParams(params, query, DEFAULT_TOPIC_LIST_QUERY);
  const search = params.toString();
  return search === '' ? '' : `?${search}`;
}

/** How many groups read each topic (committed on it or assigned one of its partitions). */
export function groupCountsByTopic(groups: Pick<GroupSummary, 'topics'>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const group of groups) for (const topic of group.topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  return counts;
}

/** A retention limit as a sortable number: none (-1, compaction only) is the largest; unknown is null. */
function limitValue(limit: number | null, compactionOnly: boolean): number | null {
  if (compactionOnly) return Infinity;
  if (limit === null) return null;
  return limit < 0 ? Infinity : limit;
}

/** A comparable value per sort key; null sorts last in either direction. */
function sortValue(
  topic: TopicSummary,
  key: TopicSortKey,
  groupCounts: ReadonlyMap<string, number> | null,
): number | string | null {
  switch (key) {
    case 'name':
      return topic.name;
    case 'partitions':
      return topic.partitionCount;
    case 'rf':
      return topic.replicationFactor;
    case 'produceRate':
      return topic.produceRate;
    case 'size':
      return topic.sizeBytes;
    case 'retentionMs':
      return limitValue(topic.retentionMs, isCompactionOnly(topic.cleanupPolicy));
    case 'retentionBytes':
      return limitValue(topic.retentionBytes, isCompactionOnly(topic.cleanupPolicy));
    case 'oldest':
      return topic.oldestMessageAgeSeconds;
    case 'usage':
      return retentionUsageFraction(topic.retentionUsage);
    case 'underReplicated':
      // Offline partitions are worse than any number of merely under-replicated ones.
      return topic.offlinePartitions * 1e6 + topic.underReplicatedPartitions;
    case 'groups':
      return groupCounts === null ? null : (groupCounts.get(topic.name) ?? 0);
  }
}

// Numeric collation: "orders-10" after "orders-9", as people number their topics.
const collator = new Intl.Collator('en', { numeric: true });

function compare(a: number | string, b: number | string): number {
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  const x = Number(a);
  const y = Number(b);
  return x === y ? 0 : x < y ? -1 : 1;
}

/**
 * Filters, then sorts (ties by name, ascending); returns a new array. Each value is computed
 * once per topic rather than per comparison: the list has to stay quick at thousands of topics.
 * `groupCounts` null (groups not loaded): the groups sort falls back to names.
 */
export function visibleTopics(
  topics: TopicSummary[],
  query: TopicListQuery,
  groupCounts: ReadonlyMap<string, number> | null,
): TopicSummary[] {
  const text = query.text.trim().toLowerCase();
  const sign = query.dir === 'asc' ? 1 : -1;
  return topics
    .filter((topic) => (query.internal || !topic.internal) && (text === '' || topic.name.toLowerCase().includes(text)))
    .map((topic) => ({ topic, value: sortValue(topic, query.sort, groupCounts) }))
    .sort((a, b) => compareNullsLast(a.value, b.value, sign, compare) || collator.compare(a.topic.name, b.topic.name))
    .map((entry) => entry.topic);
}
