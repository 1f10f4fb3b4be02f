'use client';
import { useDeferredValue, useMemo, useState } from 'react';
import {
  groupCountsByTopic,
  parseTopicListQuery,
  topicListSearch,
  visibleTopics,
  type TopicListQuery,
  type TopicSortKey,
} from '@/components/tables/topic-list-query';
import { TopicTable } from '@/components/tables/topic-table';
import { DataAge } from '@/components/ui/data-age';
import { GroupNotFound } from '@/components/ui/group-not-found';
import { StaleBanner } from '@/components/ui/stale-banner';
import { TopicFilters } from '@/components/ui/topic-filters';
import { ApiError } from '@/lib/api/client/fetch-json';
import { useGroups, useTopics } from '@/lib/api/client/hooks';

/** Names read best A→Z; numbers largest first. */
const ASCENDING_FIRST: TopicSortKey[] = ['name'];

export function TopicsView({ cluster, initialSearch }: { cluster: string; initialSearch: string }) {
  const [query, setQuery] = useState(() => parseTopicListQuery(new URLSearchParams(initialSearch)));
  const { data, error, isPending } = useTopics(cluster);
  const groups = useGroups(cluster).data?.groups;
  // The input shows every keystroke at once; the thousands of rows follow when React has time.
  const listQuery = useDeferredValue(query);

  const groupCounts = useMemo(() => (groups ? groupCountsByTopic(groups) : null), [groups]);
  const allTopics = data?.topics;
  const topics = useMemo(
    () => (allTopics ? visibleTopics(allTopics, listQuery, groupCounts) : []),
    [allTopics, listQuery, groupCounts],
  );
  const internalCount = useMemo(() => allTopics?.filter((t) => t.internal).length ?? 0, [allTopics]);

  const update = (change: Partial<TopicListQuery>) => {
    const next = { ...query, ...change };
    setQuery(next);
    // Keeps the view shareable without a server round trip (Next.js syncs its router with replaceState).
    window.history.replaceState(null, '', `${window.location.pathname}${topicListSearch(next)}`);
  };
  const onSort = (key: TopicSortKey) =>
    update({
      sort: key,
      dir: key === query.sort ? (query.dir === 'asc' ? 'desc' : 'asc') : ASCENDING_FIRST.includes(key) ? 'asc' : 'desc',
    });

  if (error instanceof ApiError && error.status === 404 && !data) {
    return <GroupNotFound heading="Cluster not found" message={error.message} backHref="/" backLabel="All clusters" />;
  }
  const total = allTopics ? allTopics.length - (listQuery.internal ? 0 : internalCount) : 0;
  return (
    <section className="groups-page topics-page">
      <header className="groups-header">
        <h1>Topics</h1>
        {data ? <DataAge collectedAt={data.collectedAt} /> : null}
      </header>
      {data ? <StaleBanner stale={data.stale} error={data.error} collectedAt={data.collectedAt} /> : null}
      {error ? (
        <p className="banner banner-err" role="alert">
          {data ? 'Refreshing failed, showing the last answer: ' : 'Could not load topics: '}
          {error.message}
        </p>
      ) : null}
      <TopicFilters query={query} onChange={update} shown={topics.length} total={total} internalCount={internalCount} />
      {isPending ? (
        <p className="muted" role="status">
          Loading topics…
        </p>
      ) : null}
      {data && total === 0 ? (
        <p className="groups-empty">
          No topics in this cluster
          {listQuery.internal || internalCount === 0 ? '' : ` besides ${internalCount} internal`}.
        </p>
      ) : null}
      {data && total > 0 && topics.length === 0 ? (
        <p className="groups-empty">
          No topics match “{listQuery.text}”.{' '}
          <button type="button" className="groups-link-button" onClick={() => update({ text: '' })}>
            Clear search
          </button>
        </p>
      ) : null}
      {topics.length > 0 ? (
        <TopicTable
          cluster={cluster}
          topics={topics}
          groupCounts={groupCounts}
          sort={listQuery.sort}
          dir={listQuery.dir}
          onSort={onSort}
          resetKey={`${listQuery.text}|${listQuery.internal}|${listQuery.sort}|${listQuery.dir}`}
        />
      ) : null}
    </section>
  );
}
