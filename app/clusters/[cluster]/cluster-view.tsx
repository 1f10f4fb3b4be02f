'use client';
import { chartWindow } from '@/components/charts/chart-data';
import { ChartLagVsRates } from '@/components/charts/chart-lag-vs-rates';
import { chartMarkers, CLUSTER_MARKER_KINDS, MarkersNote } from '@/components/charts/chart-markers';
import { topicsNearestRetention, worstGroups } from '@/components/tables/cluster-rankings';
import { RetentionPressureTable } from '@/components/tables/retention-pressure-table';
import { WorstGroupTable } from '@/components/tables/worst-group-table';
import { DataAge } from '@/components/ui/data-age';
import { HealthTiles } from '@/components/ui/health-tiles';
import { HistoryPanel } from '@/components/ui/history-panel';
import { LagStatusLegend } from '@/components/ui/lag-status-legend';
import { NotAuthorisedNotes } from '@/components/ui/not-authorised';
import { ClusterNotFound } from '@/components/ui/not-found-panel';
import { NotCollectedBanner, StaleBanner } from '@/components/ui/stale-banner';
import { anyOverRetention, SEGMENT_RETENTION_NOTE } from '@/components/ui/topic-retention';
import { useSearchParam } from '@/components/ui/use-search-param';
import { EventTimeline } from '@/components/timeline/event-timeline';
import { useChartEvents, useClusterHistory, useClusters, useGroups, useTopics } from '@/lib/api/client/hooks';
import type { HistoryRange } from '@/lib/api/history-schemas';

/** The whole cluster: its charts mark events of any subject. */
const NO_SUBJECTS = {};

function ClusterHistory({ cluster, range }: { cluster: string; range: HistoryRange }) {
  const { data, error } = useClusterHistory(cluster, range);
  const markerEvents = useChartEvents(cluster, NO_SUBJECTS, CLUSTER_MARKER_KINDS, data?.from ?? null).data;
  if (error && !data) return <p className="banner banner-err">Could not load the history: {error.message}</p>;
  if (!data) return <p className="muted">Loading history…</p>;
  const points = data.points.map((p) => ({ ...p, timeLagSeconds: null, timeLagLowerBound: false, consumeRate: null }));
  const window = chartWindow(data.from, data.to, data.historyStartMs);
  return (
    <>
      <ChartLagVsRates
        points={points}
        window={window}
        markers={chartMarkers(markerEvents?.events, CLUSTER_MARKER_KINDS, window)}
        caption="Total lag of all groups (messages) against the total produce rate (msg/s)"
      />
      <MarkersNote answer={markerEvents} />
    </>
  );
}

export function ClusterView({ cluster, initialRange }: { cluster: string; initialRange: HistoryRange }) {
  const [range, changeRange] = useSearchParam('range', initialRange);
  const clusters = useClusters();
  const summary = clusters.data?.clusters.find((c) => c.id === cluster);
  const collected = summary?.collectedAt != null;
  const groups = useGroups(cluster);
  const topics = useTopics(cluster);
  const worst = groups.data ? worstGroups(groups.data.groups) : undefined;
  const nearest = topics.data ? topicsNearestRetention(topics.data.topics) : undefined;

  if (clusters.data && !summary) return <ClusterNotFound message={`No cluster "${cluster}" is configured.`} />;
  return (
    <section className="group-page">
      <header className="groups-header">
        <h1>{summary?.name ?? cluster}</h1>
        {summary ? <DataAge collectedAt={summary.collectedAt} /> : null}
      </header>
      {clusters.isPending ? <p className="muted">Loading…</p> : null}
      {summary && summary.status === 'unreachable' && summary.collectedAt !== null ? (
        <StaleBanner stale error={summary.error} errorKind={summary.errorKind} collectedAt={summary.collectedAt} />
      ) : null}
      {summary && !collected ? <NotCollectedBanner error={summary.error} errorKind={summary.errorKind} /> : null}
      {summary && collected ? <HealthTiles cluster={summary} /> : null}
      {summary && collected ? <NotAuthorisedNotes label="Not authorised" messages={summary.notAuthorised} /> : null}
      <HistoryPanel
        headingId="cluster-history-heading"
        title="Produce rate and lag"
        range={range}
        onRangeChange={changeRange}
      >
        <ClusterHistory cluster={cluster} range={range} />
      </HistoryPanel>
      <section className="group-panel" aria-labelledby="cluster-worst-heading">
        <h2 id="cluster-worst-heading">Groups to look at first</h2>
        {worst && worst.length > 0 ? <LagStatusLegend shown={worst.map((g) => g.status)} /> : null}
        {worst ? <WorstGroupTable cluster={cluster} groups={worst} /> : null}
      </section>
      <section className="group-panel" aria-labelledby="cluster-retention-heading">
        <h2 id="cluster-retention-heading">Topics nearest their retention limits</h2>
        {nearest ? <RetentionPressureTable cluster={cluster} topics={nearest} /> : null}
        {nearest && anyOverRetention(nearest.map((t) => t.usage)) ? (
          <p className="muted table-note" data-testid="retention-over-note">
            {SEGMENT_RETENTION_NOTE}
          </p>
        ) : null}
      </section>
      <EventTimeline cluster={cluster} subjects={{}} headingId="cluster-events-heading" />
    </section>
  );
}
