'use client';
import { useMemo, useState } from 'react';
import { ChartTopicRates } from '@/components/charts/chart-topic-rates';
import { consumingGroups, TopicGroupTable } from '@/components/tables/topic-group-table';
import { TopicPartitionTable } from '@/components/tables/topic-partition-table';
import { DataAge } from '@/components/ui/data-age';
import { GroupNotFound } from '@/components/ui/group-not-found';
import { HistoryRangePicker } from '@/components/ui/history-range-picker';
import { StaleBanner } from '@/components/ui/stale-banner';
import { TopicHeadline } from '@/components/ui/topic-headline';
import { TopicRetentionPanel } from '@/components/ui/topic-retention-panel';
import { ApiError } from '@/lib/api/client/fetch-json';
import { useGroups, useTopic, useTopicHistory } from '@/lib/api/client/hooks';
import type { HistoryRange } from '@/lib/api/history-schemas';

function TopicHistory({ cluster, topic, range }: { cluster: string; topic: string; range: HistoryRange }) {
  const { data, error } = useTopicHistory(cluster, topic, range);
  if (error && !data) {
    return (
      <p className="banner banner-err" role="alert">
        Could not load the history: {error.message}
      </p>
    );
  }
  if (!data) return <p className="muted group-chart-loading">Loading history…</p>;
  return <ChartTopicRates points={data.points} fromMs={data.from} toMs={data.to} range={data.range} />;
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
  const [range, setRange] = useState(initialRange);
  const { data, error, isPending } = useTopic(cluster, topic);
  const summaries = useGroups(cluster).data?.groups;
  const groupIds = data?.groups;
  const groups = useMemo(() => consumingGroups(groupIds ?? [], summaries, topic), [groupIds, summaries, topic]);
  const topicsHref = `/clusters/${encodeURIComponent(cluster)}/topics`;

  const changeRange = (next: HistoryRange) => {
    setRange(next);
    const search = new URLSearchParams(window.location.search);
    search.set('range', next);
    window.history.replaceState(null, '', `${window.location.pathname}?${search}`);
  };

  if (error instanceof ApiError && error.status === 404 && !data) {
    return (
      <GroupNotFound heading="Topic not found" message={error.message} backHref={topicsHref} backLabel="All topics" />
    );
  }
  return (
    <section className="group-page topic-page">
      <header className="groups-header">
        <h1>
          <span className="muted">Topic </span>
          {topic}
        </h1>
        {data?.internal ? <span className="badge badge-none">internal</span> : null}
        {data ? <DataAge collectedAt={data.collectedAt} /> : null}
      </header>
      {isPending ? (
        <p className="muted" role="status">
          Loading topic…
        </p>
      ) : null}
      {error ? (
        <p className="banner banner-err" role="alert">
          {data ? 'Refreshing failed, showing the last answer: ' : 'Could not load this topic: '}
          {error.message}
        </p>
      ) : null}
      {data ? (
        <>
          <StaleBanner stale={data.stale} error={data.error} collectedAt={data.collectedAt} />
          <TopicHeadline topic={data} groupCount={groups.length} />
        </>
      ) : null}
      {data || !error ? (
        <section className="group-panel" aria-labelledby="topic-history-heading">
          <header className="group-panel-header">
            <h2 id="topic-history-heading">Produce rate</h2>
            <HistoryRangePicker value={range} onChange={changeRange} />
          </header>
          <TopicHistory cluster={cluster} topic={topic} range={range} />
        </section>
      ) : null}
      {data ? (
        <>
          <section className="group-panel" aria-labelledby="topic-retention-heading">
            <h2 id="topic-retention-heading">Retention</h2>
            <TopicRetentionPanel topic={data} />
          </section>
          <section className="group-panel" aria-labelledby="topic-partitions-heading">
            <h2 id="topic-partitions-heading">Partitions</h2>
            <TopicPartitionTable partitions={data.partitions} topicRate={data.produceRate} />
          </section>
          <section className="group-panel" aria-labelledby="topic-groups-heading">
            <h2 id="topic-groups-heading">
              Consumer groups{' '}
              <span className="muted topic-heading-note">(group totals over every topic they read)</span>
            </h2>
            <TopicGroupTable cluster={cluster} groups={groups} />
          </section>
        </>
      ) : null}
    </section>
  );
}
