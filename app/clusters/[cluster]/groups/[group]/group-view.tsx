'use client';
import { useMemo, useState } from 'react';
import { ChartLagVsRates } from '@/components/charts/chart-lag-vs-rates';
import { ChartTimeLag } from '@/components/charts/chart-time-lag';
import { GroupMemberTable } from '@/components/tables/group-member-table';
import { GroupPartitionTable } from '@/components/tables/group-partition-table';
import { DataAge } from '@/components/ui/data-age';
import { GroupHeadline } from '@/components/ui/group-headline';
import { GroupNotFound } from '@/components/ui/group-not-found';
import { HistoryRangePicker } from '@/components/ui/history-range-picker';
import { RetentionBanner } from '@/components/ui/retention-banner';
import { StaleBanner } from '@/components/ui/stale-banner';
import { ApiError } from '@/lib/api/client/fetch-json';
import { useGroup, useGroupHistory } from '@/lib/api/client/hooks';
import type { HistoryRange } from '@/lib/api/history-schemas';

function GroupHistory({ cluster, group, range }: { cluster: string; group: string; range: HistoryRange }) {
  const { data, error } = useGroupHistory(cluster, group, range);
  if (error && !data) {
    return (
      <p className="banner banner-err" role="alert">
        Could not load the history: {error.message}
      </p>
    );
  }
  if (!data) return <p className="muted group-chart-loading">Loading history…</p>;
  const chart = { points: data.points, fromMs: data.from, toMs: data.to, range: data.range };
  return (
    <>
      <ChartLagVsRates {...chart} />
      <ChartTimeLag {...chart} />
    </>
  );
}

export function GroupView({
  cluster,
  group,
  initialRange,
}: {
  cluster: string;
  group: string;
  initialRange: HistoryRange;
}) {
  const [range, setRange] = useState(initialRange);
  const { data, error, isPending } = useGroup(cluster, group);
  // retention.ms per topic widens the retention warning to "a quarter of retention left".
  const partitions = data?.partitions;
  const retentionMsByTopic = useMemo(
    () => new Map(partitions?.map((p) => [p.topic, p.retention.retentionMs])),
    [partitions],
  );
  const groupsHref = `/clusters/${encodeURIComponent(cluster)}/groups`;

  const changeRange = (next: HistoryRange) => {
    setRange(next);
    const search = new URLSearchParams(window.location.search);
    search.set('range', next);
    window.history.replaceState(null, '', `${window.location.pathname}?${search}`);
  };

  if (error instanceof ApiError && error.status === 404 && !data) {
    return (
      <GroupNotFound
        heading="Consumer group not found"
        message={error.message}
        backHref={groupsHref}
        backLabel="All consumer groups"
      />
    );
  }
  return (
    <section className="group-page">
      <header className="groups-header">
        <h1>
          <span className="muted">Consumer group </span>
          {group}
        </h1>
        {data ? <DataAge collectedAt={data.collectedAt} /> : null}
      </header>
      {isPending ? (
        <p className="muted" role="status">
          Loading consumer group…
        </p>
      ) : null}
      {error ? (
        <p className="banner banner-err" role="alert">
          {data ? 'Refreshing failed, showing the last answer: ' : 'Could not load this consumer group: '}
          {error.message}
        </p>
      ) : null}
      {data ? (
        <>
          <StaleBanner stale={data.stale} error={data.error} collectedAt={data.collectedAt} />
          {data.groupError ? (
            <p className="banner banner-warn">Describing this group failed: {data.groupError}</p>
          ) : null}
          <RetentionBanner
            lostMessages={data.lostMessages}
            partitions={data.partitions}
            retentionMsByTopic={retentionMsByTopic}
          />
          <GroupHeadline group={data} />
        </>
      ) : null}
      {data || !error ? (
        <section className="group-panel" aria-labelledby="group-history-heading">
          <header className="group-panel-header">
            <h2 id="group-history-heading">Lag and rates</h2>
            <HistoryRangePicker value={range} onChange={changeRange} />
          </header>
          <GroupHistory cluster={cluster} group={group} range={range} />
        </section>
      ) : null}
      {data ? (
        <>
          <section className="group-panel" aria-labelledby="group-partitions-heading">
            <h2 id="group-partitions-heading">Partitions</h2>
            <GroupPartitionTable cluster={cluster} partitions={data.partitions} />
          </section>
          <section className="group-panel" aria-labelledby="group-members-heading">
            <h2 id="group-members-heading">Members</h2>
            <GroupMemberTable members={data.members} balance={data.assignmentBalance} state={data.state} />
          </section>
        </>
      ) : null}
    </section>
  );
}
