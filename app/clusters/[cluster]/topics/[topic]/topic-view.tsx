'use client';
import { useMemo } from 'react';
import { chartWindow } from '@/components/charts/chart-data';
import { ChartTopicRates } from '@/components/charts/chart-topic-rates';
import { chartMarkers, MarkersNote, TOPIC_MARKER_KINDS } from '@/components/charts/chart-markers';
import { consumingGroups, TopicGroupTable } from '@/components/tables/topic-group-table';
import { TopicConfigTable } from '@/components/tables/topic-config-table';
import { TopicPartitionTable } from '@/components/tables/topic-partition-table';
import { DataAge } from '@/components/ui/data-age';
import { HistoryFallback, HistoryPanel } from '@/components/ui/history-panel';
import { LagStatusLegend } from '@/components/ui/lag-status-legend';
import { NotAuthorisedNotes } from '@/components/ui/not-authorised';
import { TopicNotFound } from '@/components/ui/not-found-panel';
import { QueryError, QueryPending } from '@/components/ui/query-status';
import { StaleBanner } from '@/components/ui/stale-banner';
import { TopicHeadline } from '@/components/ui/topic-headline';
import { TopicRetentionPanel } from '@/components/ui/topic-retention-panel';
import { isCompacted } from '@/components/ui/topic-retention';
import { useSearchParam } from '@/components/ui/use-search-param';
import { isNotFound } from '@/lib/api/client/fetch-json';
import { useChartEvents, useGroups, useTopic, useTopicHistory } from '@/lib/api/client/hooks';
import type { HistoryRange } from '@/lib/api/history-schemas';
import { BreakableName } from '@/components/ui/breakable-name';
import { EventTimeline } from '@/components/timeline/event-timeline';

function TopicHistory({ cluster, topic, range }: { cluster: string; topic: string; range: HistoryRange }) {
  const { data, error } = useTopicHistory(cluster, topic, range);
  const subjects = useMemo(() => ({ topics: [topic] }), [topic]);
  const markerEvents = useChartEvents(cluster, subjects, TOPIC_MARKER_KINDS, data?.from ?? null).data;
  if (!data) return <HistoryFallback error={error} />;
  const window = chartWindow(data.from, data.to, data.historyStartMs);
  return (
    <>
      <ChartTopicRates
        points={data.points}
        window={window}
        markers={chartMarkers(markerEvents?.events, TOPIC_MARKER_KINDS, window)}
      />
      <MarkersNote answer={markerEvents} />
    </>
  );
}

export function TopicView({
  cluster,
  topic,
  initialRange,
}: {
  cluster: string;
  topic: string;
  initialRange: HistoryRange;
}) {
  const [range, changeRange] = useSearchParam('range', initialRange);
  const { data, error, isPending } = useTopic(cluster, topic);
  const summaries = useGroups(cluster).data?.groups;
  const groupIds = data?.groups;
  const groups = useMemo(() => consumingGroups(groupIds ?? [], summaries, topic), [groupIds, summaries, topic]);

  if (isNotFound(error) && !data) return <TopicNotFound cluster={cluster} message={error.message} />;
  return (
    <section className="group-page topic-page">
      <header className="groups-header">
        <h1>
          <span className="muted">Topic </span>
          <BreakableName name={topic} />
        </h1>
        {data?.internal ? <span className="badge badge-none">internal</span> : null}
        {data ? <DataAge collectedAt={data.collectedAt} /> : null}
      </header>
      <QueryPending pending={isPending} text="Loading topic…" />
      <QueryError error={error} hasData={data !== undefined} what="this topic" />
      {data ? (
        <>
          <StaleBanner
            stale={data.stale}
            error={data.error}
            errorKind={data.errorKind}
            collectedAt={data.collectedAt}
          />
          <TopicHeadline
            topic={data}
            groupCount={groups.length}
            compacted={isCompacted(data.configs['cleanup.policy'] ?? null)}
          />
        </>
      ) : null}
      {data || !error ? (
        <HistoryPanel headingId="topic-history-heading" title="Produce rate" range={range} onRangeChange={changeRange}>
          <TopicHistory cluster={cluster} topic={topic} range={range} />
        </HistoryPanel>
      ) : null}
      {data ? (
        <>
          <section className="group-panel" aria-labelledby="topic-retention-heading">
            <h2 id="topic-retention-heading">Retention</h2>
            <TopicRetentionPanel topic={data} />
          </section>
          <section className="group-panel" aria-labelledby="topic-partitions-heading">
            <h2 id="topic-partitions-heading">Partitions</h2>
            <TopicPartitionTable
              partitions={data.partitions}
              topicRate={data.produceRate}
              compacted={isCompacted(data.configs['cleanup.policy'] ?? null)}
            />
          </section>
          <section className="group-panel" aria-labelledby="topic-groups-heading">
            <h2 id="topic-groups-heading">
              Consumer groups{' '}
              <span className="muted topic-heading-note">(group totals over every topic they read)</span>
            </h2>
            {groups.length > 0 ? <LagStatusLegend shown={groups.map((g) => g.summary?.status ?? null)} /> : null}
            <TopicGroupTable cluster={cluster} groups={groups} />
          </section>
          <EventTimeline cluster={cluster} subjects={{ topics: [topic] }} headingId="topic-events-heading" />
          <section className="group-panel" aria-labelledby="topic-config-heading">
            <h2 id="topic-config-heading">Configuration</h2>
            {data.configsError ? (
              <NotAuthorisedNotes label="Not authorised" messages={[data.configsError]} />
            ) : (
              <TopicConfigTable entries={data.configEntries} />
            )}
          </section>
        </>
      ) : null}
    </section>
  );
}
