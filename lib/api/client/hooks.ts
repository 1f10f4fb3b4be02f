'use client';
/**
 * TanStack Query hooks over the JSON API. Keys are arrays of the path parts, so a
 * cluster's queries can be invalidated together.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { AlertsResponse, AllAlertsResponse, CreateSilenceRequest, SilenceView } from '../alert-schemas';
import type { EventKind } from '../../analysis/cluster-events';
import { EventsResponse } from '../event-schemas';
import { RecordResponse } from '../record-schemas';
import type { PartitionChoice } from '../search-params';
import {
  ClusterHistoryResponse,
  GroupHistoryResponse,
  TopicHistoryResponse,
  type HistoryRange,
} from '../history-schemas';
import {
  BrokersResponse,
  ClustersResponse,
  GroupResponse,
  GroupsResponse,
  TopicResponse,
  TopicsResponse,
} from '../schemas';
import { fetchJson, isNotFound, sendJson } from './fetch-json';

/** Pages refetch this often; the collector polls every 10 s by default, so data is never more than a few seconds behind it. */
export const REFETCH_MS = 5_000;

export const queryKeys = {
  clusters: () => ['clusters'] as const,
  brokers: (cluster: string) => ['clusters', cluster, 'brokers'] as const,
  topics: (cluster: string) => ['clusters', cluster, 'topics'] as const,
  topic: (cluster: string, topic: string) => ['clusters', cluster, 'topics', topic] as const,
  groups: (cluster: string) => ['clusters', cluster, 'groups'] as const,
  group: (cluster: string, group: string) => ['clusters', cluster, 'groups', group] as const,
  history: (cluster: string, subject: string[], range: HistoryRange) =>
    ['clusters', cluster, 'history', ...subject, range] as const,
  events: (cluster: string, query: string) => ['clusters', cluster, 'events', query] as const,
  allAlerts: () => ['alerts'] as const,
  alerts: (cluster: string) => ['clusters', cluster, 'alerts'] as const,
};

const encode = encodeURIComponent;
const base = (cluster: string) => `/api/clusters/${encode(cluster)}`;

function usePolled<T>(
  key: readonly unknown[],
  path: string,
  schema: Parameters<typeof fetchJson<T>>[1],
  enabled = true,
) {
  return useQuery({
    queryKey: key,
    enabled,
    queryFn: () => fetchJson(path, schema),
    // An unknown cluster, topic or group will not appear by asking again every few seconds.
    retry: (failures, error) => !isNotFound(error) && failures < 1,
    refetchInterval: (query) => (isNotFound(query.state.error) ? false : REFETCH_MS),
    // Keep showing the last answer while a new range or key loads.
    placeholderData: keepPreviousData,
  });
}

export const useClusters = () => usePolled(queryKeys.clusters(), '/api/clusters', ClustersResponse);

export const useBrokers = (cluster: string) =>
  usePolled(queryKeys.brokers(cluster), `${base(cluster)}/brokers`, BrokersResponse);

export const useTopics = (cluster: string) =>
  usePolled(queryKeys.topics(cluster), `${base(cluster)}/topics`, TopicsResponse);

export const useTopic = (cluster: string, topic: string) =>
  usePolled(queryKeys.topic(cluster, topic), `${base(cluster)}/topics/${encode(topic)}`, TopicResponse);

export const useGroups = (cluster: string) =>
  usePolled(queryKeys.groups(cluster), `${base(cluster)}/groups`, GroupsResponse);

export const useGroup = (cluster: string, group: string) =>
  usePolled(queryKeys.group(cluster, group), `${base(cluster)}/groups/${encode(group)}`, GroupResponse);

export const useClusterHistory = (cluster: string, range: HistoryRange) =>
  usePolled(
    queryKeys.history(cluster, ['cluster'], range),
    `${base(cluster)}/history?range=${range}`,
    ClusterHistoryResponse,
  );

export const useTopicHistory = (cluster: string, topic: string, range: HistoryRange) =>
  usePolled(
    queryKeys.history(cluster, ['topic', topic], range),
    `${base(cluster)}/topics/${encode(topic)}/history?range=${range}`,
    TopicHistoryResponse,
  );

export const useGroupHistory = (cluster: string, group: string, range: HistoryRange) =>
  usePolled(
    queryKeys.history(cluster, ['group', group], range),
    `${base(cluster)}/groups/${encode(group)}/history?range=${range}&breakdown=topic`,
    GroupHistoryResponse,
  );

/** What the timeline shows: the subjects' events (an event about any of them), newest first. */
export interface EventSubjects {
  groups?: string[];
  topics?: string[];
  brokers?: number[];
  /** Only events within [from, to] (epoch ms). */
  from?: number;
  to?: number;
  limit?: number;
  /** Only events of these kinds. */
  kinds?: readonly EventKind[];
}

export function eventsQuery({
  groups = [],
  topics = [],
  brokers = [],
  from,
  to,
  limit = 50,
  kinds = [],
}: EventSubjects): string {
  const query = new URLSearchParams();
  for (const group of groups) query.append('group', group);
  for (const topic of topics) query.append('topic', topic);
  for (const broker of brokers) query.append('broker', String(broker));
  for (const kind of kinds) query.append('kind', kind);
  if (from !== undefined) query.set('from', String(Math.floor(from)));
  if (to !== undefined) query.set('to', String(Math.ceil(to)));
  query.set('limit', String(limit));
  return query.toString();
}

export const useEvents = (cluster: string, subjects: EventSubjects) => {
  const query = eventsQuery(subjects);
  return usePolled(queryKeys.events(cluster, query), `${base(cluster)}/events?${query}`, EventsResponse);
};

/**
 * The record at a group's committed offset, read from Kafka when asked (not polled). Kept
 * out of the 'clusters' keys, so nothing invalidated there reads Kafka again, and dropped
 * from the cache as soon as no panel shows it (gcTime 0): a preview never outlives its panel.
 */
export function useGroupRecord(cluster: string, group: string, choice: PartitionChoice | null) {
  const query = choice ? new URLSearchParams({ topic: choice.topic, partition: String(choice.partition) }) : null;
  return useQuery({
    queryKey: ['record', cluster, group, choice?.topic ?? null, choice?.partition ?? null] as const,
    queryFn: () => fetchJson(`${base(cluster)}/groups/${encode(group)}/record?${query}`, RecordResponse),
    enabled: choice !== null,
    gcTime: 0,
    staleTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
  });
}

/** How many marker events a chart asks for: more than a chart can show apart. */
export const CHART_EVENTS_LIMIT = 1000;

/**
 * The events a chart marks: only the kinds it draws, from the start of its window (to the
 * minute, so the query changes once a minute, not with every refresh), up to
 * CHART_EVENTS_LIMIT. Not asked until the chart knows its window (`fromMs` null).
 */
export function useChartEvents(
  cluster: string,
  subjects: EventSubjects,
  kinds: ReadonlySet<EventKind>,
  fromMs: number | null,
) {
  const query = eventsQuery({
    ...subjects,
    kinds: [...kinds].sort(),
    from: fromMs === null ? undefined : Math.floor(fromMs / 60_000) * 60_000,
    limit: CHART_EVENTS_LIMIT,
  });
  return usePolled(
    queryKeys.events(cluster, query),
    `${base(cluster)}/events?${query}`,
    EventsResponse,
    fromMs !== null,
  );
}

/** Every cluster's alerts: the all-clusters page and the firing-count badges share this one query. */
export const useAllAlerts = () => usePolled(queryKeys.allAlerts(), '/api/alerts', AllAlertsResponse);

export const useClusterAlerts = (cluster: string) =>
  usePolled(queryKeys.alerts(cluster), `${base(cluster)}/alerts`, AlertsResponse);

/** After a silence is made or expired, the alerts (their `silencedBy`) and the silences list are out of date. */
function useInvalidateAlerts(cluster: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.alerts(cluster) }),
      client.invalidateQueries({ queryKey: queryKeys.allAlerts() }),
    ]);
}

export function useCreateSilence(cluster: string) {
  const invalidate = useInvalidateAlerts(cluster);
  return useMutation({
    mutationFn: async (request: z.input<typeof CreateSilenceRequest>) =>
      SilenceView.parse(await sendJson('POST', `${base(cluster)}/silences`, request)),
    onSettled: invalidate,
  });
}

/** Ends a silence made in the UI now; the API refuses (409) those from the config file. */
export function useExpireSilence(cluster: string) {
  const invalidate = useInvalidateAlerts(cluster);
  return useMutation({
    mutationFn: async (silenceId: string) => {
      await sendJson('DELETE', `${base(cluster)}/silences/${encode(silenceId)}`);
    },
    onSettled: invalidate,
  });
}
