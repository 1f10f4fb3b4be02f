'use client';
import { useMemo, useState } from 'react';
import { chartWindow } from '@/components/charts/chart-data';
import { ChartLagVsRates } from '@/components/charts/chart-lag-vs-rates';
import { chartMarkers, GROUP_MARKER_KINDS, MarkersNote } from '@/components/charts/chart-markers';
import { ChartTimeLag } from '@/components/charts/chart-time-lag';
import { GroupMemberTable } from '@/components/tables/group-member-table';
import { GroupPartitionTable } from '@/components/tables/group-partition-table';
import { DataAge } from '@/components/ui/data-age';
import { GroupHeadline } from '@/components/ui/group-headline';
import { HistoryFallback, HistoryPanel } from '@/components/ui/history-panel';
import { LagStatusLegend } from '@/components/ui/lag-status-legend';
import { NotAuthorisedNotes } from '@/components/ui/not-authorised';
import { GroupNotFound } from '@/components/ui/not-found-panel';
import { QueryError, QueryPending } from '@/components/ui/query-status';
import { RetentionBanner } from '@/components/ui/retention-banner';
import { StaleBanner } from '@/components/ui/stale-banner';
import { useSearchParam } from '@/components/ui/use-search-param';
import { isNotFound } from '@/lib/api/client/fetch-json';
import {
  useChartEvents,
  useClusterAlerts,
  useGroup,
  useGroupHistory,
  type EventSubjects,
} from '@/lib/api/client/hooks';
import { EventsBeforeAlert, groupAlert } from '@/components/timeline/events-before-alert';
import type { HistoryRange } from '@/lib/api/history-schemas';
import { BreakableName } from '@/components/ui/breakable-name';
import { EventTimeline } from '@/components/timeline/event-timeline';
import { EventsAround } from '@/components/timeline/events-around';
import { rememberChoice, StuckRecordPanel } from '@/components/records/stuck-record-panel';
import type { PartitionChoice } from '@/lib/api/search-params';

interface GroupHistoryProps {
  cluster: string;
  group: string;
  range: HistoryRange;
  /** The group and its topics: their events are marked on the charts. */
  subjects: EventSubjects;
}

function GroupHistory({ cluster, group, range, subjects }: GroupHistoryProps) {
  const { data, error } = useGroupHistory(cluster, group, range);
  const markerEvents = useChartEvents(cluster, subjects, GROUP_MARKER_KINDS, data?.from ?? null).data;
  const events = markerEvents?.events;
  const [clickedAt, setClickedAt] = useState<number | null>(null);
  if (!data) return <HistoryFallback error={error} />;
  const window = chartWindow(data.from, data.to, data.historyStartMs);
  const chart = { points: data.points, window, markers: chartMarkers(events, GROUP_MARKER_KINDS, window) };
  return (
    <>
      <ChartLagVsRates {...chart} onPointClick={setClickedAt} />
      {clickedAt !== null ? (
        <EventsAround
          cluster={cluster}
          subjects={subjects}
          at={clickedAt}
          spanMs={Math.max(data.stepMs, 60_000)}
          onClose={() => setClickedAt(null)}
        />
      ) : null}
      <ChartTimeLag {...chart} />
      <MarkersNote answer={markerEvents} />
    </>
  );
}

export function GroupView({
  cluster,
  group,
  initialRange,
  initialRecord,
}: {
  cluster: string;
  group: string;
  initialRange: HistoryRange;
  /** The partition whose record to read (?record=); undefined: the stuck one, if any. */
  initialRecord: PartitionChoice | null | undefined;
}) {
  const [range, changeRange] = useSearchParam('range', initialRange);
  const [recordChoice, setRecordChoice] = useState(initialRecord);
  const chooseRecord = (choice: PartitionChoice | null) => {
    setRecordChoice(choice);
    rememberChoice(choice);
  };
  const { data, error, isPending } = useGroup(cluster, group);
  // retention.ms per topic widens the retention warning to "a quarter of retention left".
  const partitions = data?.partitions;
  const retentionMsByTopic = useMemo(
    () => new Map(partitions?.map((p) => [p.topic, p.retention.retentionMs])),
    [partitions],
  );

  const topics = useMemo(() => [...new Set(partitions?.map((p) => p.topic))].sort(), [partitions]);
  const subjects = useMemo(() => ({ groups: [group], topics }), [group, topics]);
  const alert = groupAlert(useClusterAlerts(cluster).data?.active, group);

  if (isNotFound(error) && !data) return <GroupNotFound cluster={cluster} message={error.message} />;
  return (
    <section className="group-page">
      <header className="groups-header">
        <h1>
          <span className="muted">Consumer group </span>
          <BreakableName name={group} />
        </h1>
        {data ? <DataAge collectedAt={data.collectedAt} /> : null}
      </header>
      <QueryPending pending={isPending} text="Loading consumer group…" />
      <QueryError error={error} hasData={data !== undefined} what="this consumer group" />
      {data ? (
        <>
          <StaleBanner
            stale={data.stale}
            error={data.error}
            errorKind={data.errorKind}
            collectedAt={data.collectedAt}
          />
          {data.groupError ? (
            <p className="banner banner-warn" data-testid="group-error">
              {data.groupError.startsWith('not authorised')
                ? `This group cannot be read: ${data.groupError}`
                : `Describing this group failed: ${data.groupError}`}
            </p>
          ) : null}
          <NotAuthorisedNotes label="Not authorised" messages={data.notAuthorised} />
          <RetentionBanner
            lostMessages={data.lostMessages}
            partitions={data.partitions}
            retentionMsByTopic={retentionMsByTopic}
          />
          <GroupHeadline group={data} />
          <LagStatusLegend shown={[data.status, ...data.partitions.map((p) => p.status)]} />
        </>
      ) : null}
      {data || !error ? (
        <HistoryPanel headingId="group-history-heading" title="Lag and rates" range={range} onRangeChange={changeRange}>
          <GroupHistory cluster={cluster} group={group} range={range} subjects={subjects} />
        </HistoryPanel>
      ) : null}
      {/* Below the charts: it appears once the alerts load, and must not move them under a pointer. */}
      {data && alert ? <EventsBeforeAlert cluster={cluster} subjects={subjects} alert={alert} /> : null}
      {data ? (
        <>
          <section className="group-panel" aria-labelledby="group-partitions-heading">
            <h2 id="group-partitions-heading">Partitions</h2>
            <GroupPartitionTable cluster={cluster} partitions={data.partitions} />
          </section>
          <StuckRecordPanel
            cluster={cluster}
            group={group}
            partitions={data.partitions}
            chosen={recordChoice}
            onChoose={chooseRecord}
          />
          <section className="group-panel" aria-labelledby="group-members-heading">
            <h2 id="group-members-heading">Members</h2>
            <GroupMemberTable members={data.members} balance={data.assignmentBalance} state={data.state} />
          </section>
          <EventTimeline cluster={cluster} subjects={subjects} headingId="group-events-heading" />
        </>
      ) : null}
    </section>
  );
}
