'use client';
import { useDeferredValue, useMemo } from 'react';
import {
  groupCountsByTopic,
  parseTopicListQuery,
  topicListSearch,
  visibleTopics,
  type TopicSortKey,
} from '@/components/tables/topic-list-query';
import { TopicTable } from '@/components/tables/topic-table';
import { useListQuery } from '@/components/tables/use-list-query';
import { DataAge } from '@/components/ui/data-age';
import { NotAuthorisedNotes } from '@/components/ui/not-authorised';
import { ClusterNotFound } from '@/components/ui/not-found-panel';
import { QueryError, QueryPending } from '@/components/ui/query-status';
import { StaleBanner } from '@/components/ui/stale-banner';
import { TopicFilters } from '@/components/ui/topic-filters';
import { anyOverRetention, retentionUsageFraction, SEGMENT_RETENTION_NOTE } from '@/components/ui/topic-retention';
import { isNotFound } from '@/lib/api/client/fetch-json';
import { useGroups, useTopics } from '@/lib/api/client/hooks';

/** Names read best A→Z; numbers largest first. */
const ASCENDING_FIRST: TopicSortKey[] = ['name'];

export function TopicsView({ cluster, initialSearch }: { cluster: string; initialSearch: string }) {
  const { query, update, onSort } = useListQuery({
    initial: () => parseTopicListQuery(new URLSearchParams(initialSearch)),
    toSearch: topicListSearch,
    ascendingFirst: ASCENDING_FIRST,
  });
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
  const overRetention = useMemo(
    () => anyOverRetention(topics.map((t) => retentionUsageFraction(t.retentionUsage))),
    [topics],
  );

  if (isNotFound(error) && !data) return <ClusterNotFound message={error.message} />;
  const total = allTopics ? allTopics.length - (listQuery.internal ? 0 : internalCount) : 0;
  return (
    <section className="groups-page topics-page">
      <header className="groups-header">
        <h1>Topics</h1>
        {data ? <DataAge collectedAt={data.collectedAt} /> : null}
      </header>
      {data ? (
        <StaleBanner stale={data.stale} error={data.error} errorKind={data.errorKind} collectedAt={data.collectedAt} />
      ) : null}
      <QueryError error={error} hasData={data !== undefined} what="topics" />
      <TopicFilters
        query={query}
        onChange={update}
        shown={topics.length}
        total={allTopics ? total : null}
        internalCount={allTopics ? internalCount : null}
      />
      <QueryPending pending={isPending} text="Loading topics…" />
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
      {data?.hidden ? (
        <NotAuthorisedNotes
          label="Topics not shown"
          messages={[
            `${data.hidden.topics.length} ${data.hidden.topics.length === 1 ? 'topic' : 'topics'} not shown: ${data.hidden.message}`,
          ]}
        />
      ) : null}
      {overRetention ? (
        <p className="muted table-note" data-testid="retention-over-note">
          {SEGMENT_RETENTION_NOTE}
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
