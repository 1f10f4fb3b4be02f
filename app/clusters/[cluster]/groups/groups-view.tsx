'use client';
import { useState } from 'react';
import {
  groupListSearch,
  parseGroupListQuery,
  visibleGroups,
  type GroupListQuery,
  type GroupSortKey,
} from '@/components/tables/group-list-query';
import { GroupTable } from '@/components/tables/group-table';
import { DataAge } from '@/components/ui/data-age';
import { GroupFilters } from '@/components/ui/group-filters';
import { GroupNotFound } from '@/components/ui/group-not-found';
import { StaleBanner } from '@/components/ui/stale-banner';
import { ApiError } from '@/lib/api/client/fetch-json';
import { useGroups } from '@/lib/api/client/hooks';

/** Names and states read best A→Z; numbers and severities worst first. */
const ASCENDING_FIRST: GroupSortKey[] = ['group', 'state'];

export function GroupsView({ cluster, initialSearch }: { cluster: string; initialSearch: string }) {
  const [query, setQuery] = useState(() => parseGroupListQuery(new URLSearchParams(initialSearch)));
  const { data, error, isPending } = useGroups(cluster);

  const update = (change: Partial<GroupListQuery>) => {
    const next = { ...query, ...change };
    setQuery(next);
    // Keeps the filters shareable without a server round trip (Next.js syncs its router with replaceState).
    window.history.replaceState(null, '', `${window.location.pathname}${groupListSearch(next)}`);
  };
  const onSort = (key: GroupSortKey) =>
    update({
      sort: key,
      dir: key === query.sort ? (query.dir === 'asc' ? 'desc' : 'asc') : ASCENDING_FIRST.includes(key) ? 'asc' : 'desc',
    });

  if (error instanceof ApiError && error.status === 404 && !data) {
    return <GroupNotFound heading="Cluster not found" message={error.message} backHref="/" backLabel="All clusters" />;
  }
  const groups = data ? visibleGroups(data.groups, query) : [];
  return (
    <section className="groups-page">
      <header className="groups-header">
        <h1>Consumer groups</h1>
        {data ? <DataAge collectedAt={data.collectedAt} /> : null}
      </header>
      {data ? <StaleBanner stale={data.stale} error={data.error} collectedAt={data.collectedAt} /> : null}
      {error ? (
        <p className="banner banner-err" role="alert">
          {data ? 'Refreshing failed, showing the last answer: ' : 'Could not load consumer groups: '}
          {error.message}
        </p>
      ) : null}
      <GroupFilters query={query} onChange={update} shown={groups.length} total={data?.groups.length ?? 0} />
      {isPending ? (
        <p className="muted" role="status">
          Loading consumer groups…
        </p>
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
        <GroupTable cluster={cluster} groups={groups} sort={query.sort} dir={query.dir} onSort={onSort} />
      ) : null}
    </section>
  );
}
