import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TOPIC_LIST_QUERY,
  groupCountsByTopic,
  parseTopicListQuery,
  topicListSearch,
  visibleTopics,
  type TopicListQuery,
} from '@/components/tables/topic-list-query';
import type { TopicSummary } from '@/lib/api/schemas';
import { topicSummary as topic } from './builders';

const query = (overrides: Partial<TopicListQuery> = {}): TopicListQuery => ({
  ...DEFAULT_TOPIC_LIST_QUERY,
  ...overrides,
});
const names = (topics: TopicSummary[]) => topics.map((t) => t.name);

describe('parseTopicListQuery', () => {
  it('reads the search text, the internal toggle and the sort from the URL', () => {
    const params = new URLSearchParams('q=orders&internal=1&sort=size&dir=desc');
    expect(parseTopicListQuery(params)).toEqual({ text: 'orders', internal: true, sort: 'size', dir: 'desc' });
  });

  it('falls back to the defaults for missing or unknown values', () => {
    expect(parseTopicListQuery(new URLSearchParams('internal=yes&sort=lag&dir=up'))).toEqual(DEFAULT_TOPIC_LIST_QUERY);
  });
});

describe('topicListSearch', () => {
  it('is empty for the default query', () => {
    expect(topicListSearch(DEFAULT_TOPIC_LIST_QUERY)).toBe('');
  });

  it('writes what differs from the defaults and reads back to the same query', () => {
    const q = query({ text: 'a b/ü', internal: true, sort: 'name', dir: 'desc' });
    const search = topicListSearch(q);
    expect(search).toBe('?q=a+b%2F%C3%BC&internal=1&sort=name&dir=desc');
    expect(parseTopicListQuery(new URLSearchParams(search))).toEqual(q);
  });
});

describe('groupCountsByTopic', () => {
  it('counts each group once per topic it reads', () => {
    const counts = groupCountsByTopic([{ topics: ['a', 'b'] }, { topics: ['a'] }, { topics: [] }]);
    expect(Object.fromEntries(counts)).toEqual({ a: 2, b: 1 });
  });
});

describe('visibleTopics', () => {
  const topics = [
    topic('orders-10', { produceRate: 5, sizeBytes: 300 }),
    topic('__consumer_offsets', { internal: true, partitionCount: 50, cleanupPolicy: 'compact' }),
    topic('orders-9', { produceRate: 50, sizeBytes: 100, retentionMs: -1 }),
    topic('payments', { produceRate: null, sizeBytes: 200, retentionMs: 3_600_000 }),
  ];

  it('hides internal topics unless asked and sorts names A→Z, numbers in numeric order', () => {
    expect(names(visibleTopics(topics, query(), null))).toEqual(['orders-9', 'orders-10', 'payments']);
    expect(names(visibleTopics(topics, query({ internal: true }), null))).toEqual([
      '__consumer_offsets',
      'orders-9',
      'orders-10',
      'payments',
    ]);
  });

  it('keeps the names containing the search text, ignoring case and surrounding spaces', () => {
    expect(names(visibleTopics(topics, query({ text: ' ORDERS ' }), null))).toEqual(['orders-9', 'orders-10']);
    expect(names(visibleTopics(topics, query({ text: 'offsets' }), null))).toEqual([]);
  });

  it('sorts by produce rate in either direction with unknown rates last', () => {
    expect(names(visibleTopics(topics, query({ sort: 'produceRate', dir: 'desc' }), null))).toEqual([
      'orders-9',
      'orders-10',
      'payments',
    ]);
    expect(names(visibleTopics(topics, query({ sort: 'produceRate', dir: 'asc' }), null))).toEqual([
      'orders-10',
      'orders-9',
      'payments',
    ]);
  });

  it('ranks no time limit (-1) and compaction only above any retention.ms', () => {
    const all = query({ internal: true, sort: 'retentionMs', dir: 'desc' });
    expect(names(visibleTopics(topics, all, null))).toEqual([
      '__consumer_offsets',
      'orders-9',
      'orders-10',
      'payments',
    ]);
  });

  it('sorts by retention usage, the larger of age and size', () => {
    const used = [
      topic('by-age', { retentionUsage: { age: 0.9, size: 0.1 } }),
      topic('by-size', { retentionUsage: { age: null, size: 1.2 } }),
      topic('unknown'),
      topic('low', { retentionUsage: { age: 0.2, size: null } }),
    ];
    expect(names(visibleTopics(used, query({ sort: 'usage', dir: 'desc' }), null))).toEqual([
      'by-size',
      'by-age',
      'low',
      'unknown',
    ]);
  });

  it('puts offline partitions above any number of under-replicated ones', () => {
    const health = [
      topic('urp', { underReplicatedPartitions: 12 }),
      topic('offline', { offlinePartitions: 1, underReplicatedPartitions: 1 }),
      topic('fine'),
    ];
    expect(names(visibleTopics(health, query({ sort: 'underReplicated', dir: 'desc' }), null))).toEqual([
      'offline',
      'urp',
      'fine',
    ]);
  });

  it('sorts by consumer group count once the groups are known, by name before', () => {
    const counts = new Map([['payments', 3]]);
    const byGroups = query({ sort: 'groups', dir: 'desc' });
    expect(names(visibleTopics(topics, byGroups, counts))).toEqual(['payments', 'orders-9', 'orders-10']);
    expect(names(visibleTopics(topics, byGroups, null))).toEqual(['orders-9', 'orders-10', 'payments']);
  });

  it('leaves the input untouched', () => {
    const input = [topic('b'), topic('a')];
    visibleTopics(input, query(), null);
    expect(names(input)).toEqual(['b', 'a']);
  });

  it('filters and sorts 5,000 topics in well under 200 ms', () => {
    const many = Array.from({ length: 5000 }, (_, i) => topic(`bench.${i}`, { sizeBytes: (i * 7919) % 5000 }));
    const started = performance.now();
    visibleTopics(many, query({ sort: 'size', dir: 'desc' }), null);
    visibleTopics(many, query({ text: 'bench.42' }), null);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
