'use client';
import { useDeferredValue, useMemo } from 'react';
import {
  groupListSearch,
  parseGroupListQuery,
  visibleGroups,
  type GroupSortKey,
} from '@/components/tables/group-list-query';
import { GroupTable } from '@/components/tables/group-table';
import { useListQuery } from '@/components/tables/use-list-query';
import { DataAge } from '@/components/ui/data-age';
import { GroupFilters } from '@/components/ui/group-filters';
import { LagStatusLegend } from '@/components/ui/lag-status-legend';
import { NotAuthorisedNotes } from '@/components/ui/not-authorised';
import { ClusterNotFound } from '@/components/ui/not-found-panel';
import { QueryError, QueryPending } from '@/components/ui/query-status';
import { StaleBanner } from '@/components/ui/stale-banner';
import { isNotFound } from '@/lib/api/client/fetch-json';
import { useGroups } from '@/lib/api/client/hooks';

/** Names and states read best A→Z; numbers and severities worst first. */
const ASCENDING_FIRST: GroupSortKey[] = ['group', 'state'];

export function GroupsView({ cluster, initialSearch }: { cluster: string; initialSearch: string }) {
  const { query, update, onSort } = useListQuery({
    initial: () => parseGroupListQuery(new URLSearchParams(initialSearch)),
    toSearch: groupListSearch,
    ascendingFirst: ASCENDING_FIRST,
  });
  const { data, error, isPending } = useGroups(cluster);
  // The inputs show every change at once; a thousand groups follow when React has time.
  const listQuery = useDeferredValue(query);
  const allGroups = data?.groups;
  const groups = useMemo(() => (allGroups ? visibleGroups(allGroups, listQuery) : []), [allGroups, listQuery]);
  const statuses = useMemo(() => groups.map((g) => g.status), [groups]);

  if (isNotFound(error) && !data) return <ClusterNotFound message={error.message} />;
  return (
    <section className="groups-page">
      <header className="groups-header">
        <h1>Consumer groups</h1>
        {data ? <DataAge collectedAt={data.collectedAt} /> : null}
      </header>
      {data ? (
        <StaleBanner stale={data.stale} error={data.error} errorKind={data.errorKind} collectedAt={data.collectedAt} />
      ) : null}
      <QueryError error={error} hasData={data !== undefined} what="consumer groups" />
      <GroupFilters query={query} onChange={update} shown={groups.length} total={data ? data.groups.length : null} />
      <QueryPending pending={isPending} text="Loading consumer groups…" />
      {data?.hiddenTopics ? (
        <NotAuthorisedNotes
          label="Offsets not shown"
          messages={[`Committed offsets on topics Watermark may not see are not shown: ${data.hiddenTopics.message}`]}
        />
      ) : null}
      {data && data.groups.length === 0 ? <p className="groups-empty">No consumer groups in this cluster.</p> : null}
      {data && data.groups.length > 0 && groups.length === 0 ? (
        <p className="groups-empty">
          No consumer groups match these filters.{' '}
          <button
            type="button"
            className="groups-link-button"
            onClick={() => update({ notOk: false, atRisk: false, text: '' })}
          >
            Clear filters
          </button>
        </p>
      ) : null}
      {groups.length > 0 ? (
        <>
          <LagStatusLegend shown={statuses} />
          <GroupTable
            cluster={cluster}
            groups={groups}
            sort={listQuery.sort}
            dir={listQuery.dir}
            onSort={onSort}
            resetKey={`${listQuery.text}|${listQuery.notOk}|${listQuery.atRisk}|${listQuery.sort}|${listQuery.dir}`}
          />
        </>
      ) : null}
    </section>
  );
}
