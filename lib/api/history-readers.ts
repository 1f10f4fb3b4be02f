/**
 * History reads for charts: a cluster, a topic or a group over a range, downsampled
 * to at most MAX_CHART_POINTS points. Like the other readers, never touches Kafka.
 */
import { getHistory, getHistoryOff, getStore } from '../collector/runtime';
import type { ClusterState } from '../collector/snapshot';
import type { ClusterHistory } from '../history/cluster-history';
import { bucketStepMs, chartPoints, drawnSpanMs, HISTORY_RANGES_MS, type ChartPoint } from '../history/chart-points';
import type { AggregateRow } from '../history/history-reader';
import { BadRequestError, NotFoundError, NotReadyError } from './errors';
import {
  HistoryRange,
  type ClusterHistoryResponse,
  type GroupHistoryPoint,
  type GroupHistoryResponse,
  type TopicHistoryResponse,
} from './history-schemas';

interface Window {
  range: HistoryRange;
  from: number;
  to: number;
  stepMs: number;
  /** Where the points start: `from`, or later when the history kept is shorter than the range. */
  pointsFrom: number;
  historyStartMs: number | null;
}

function historyOf(clusterId: string): { state: ClusterState; history: ClusterHistory } {
  const state = getStore().get(clusterId);
  if (!state) throw new NotFoundError(`unknown cluster "${clusterId}"`);
  const history = getHistory(clusterId);
  if (!history) throw new NotReadyError(`no history is kept: ${getHistoryOff() ?? 'not started'}`);
  return { state, history };
}

function parseRange(rangeParam: string | null): HistoryRange {
  const parsed = HistoryRange.safeParse(rangeParam ?? '1h');
  if (!parsed.success) {
    throw new BadRequestError(`range must be one of ${HistoryRange.options.join(', ')} (got "${rangeParam}")`);
  }
  return parsed.data;
}

function windowOf(range: HistoryRange, pollIntervalMs: number, nowMs: number, historyStartMs: number | null): Window {
  const rangeMs = HISTORY_RANGES_MS[range];
  const drawnMs = drawnSpanMs(rangeMs, historyStartMs === null ? null : nowMs - historyStartMs);
  return {
    range,
    from: nowMs - rangeMs,
    to: nowMs,
    stepMs: bucketStepMs(drawnMs, pollIntervalMs),
    pointsFrom: nowMs - drawnMs,
    historyStartMs,
  };
}

/** Rows from one step before the points, so the first point has a rate too. */
const rowsFrom = (w: Window) => w.pointsFrom - w.stepMs;
const meta = ({ range, from, to, stepMs, historyStartMs }: Window) => ({ range, from, to, stepMs, historyStartMs });

const groupPoint = (p: ChartPoint): GroupHistoryPoint => ({
  t: p.t,
  lag: p.lag,
  timeLagSeconds: p.maxTimeLagSeconds,
  timeLagLowerBound: p.timeLagLowerBound,
  produceRate: p.produceRate,
  consumeRate: p.consumeRate,
  partial: p.partial,
});

export function readGroupHistory(
  clusterId: string,
  groupId: string,
  rangeParam: string | null,
  breakdown: string | null,
  nowMs = Date.now(),
): GroupHistoryResponse {
  const { state, history } = historyOf(clusterId);
  const known =
    state.snapshot?.groups.some((g) => g.groupId === groupId) || history.reader.has('group-topic', { groupId });
  if (!known) throw new NotFoundError(`unknown consumer group "${groupId}" in cluster "${clusterId}"`);
  const range = parseRange(rangeParam);
  const w = windowOf(range, state.pollIntervalMs, nowMs, history.reader.firstSampleMs('group-topic', { groupId }));
  const series = history.reader.aggregates('group-topic', { groupId }, rowsFrom(w), w.to);
  const points = (rows: AggregateRow[][]) => chartPoints(rows, w.pointsFrom, w.to, w.stepMs).map(groupPoint);
  return {
    ...meta(w),
    points: points(series.map((s) => s.rows)),
    ...(breakdown === 'topic' ? { topics: series.map((s) => ({ topic: s.topic, points: points([s.rows]) })) } : {}),
  };
}

export function readTopicHistory(
  clusterId: string,
  topic: string,
  rangeParam: string | null,
  nowMs = Date.now(),
): TopicHistoryResponse {
  const { state, history } = historyOf(clusterId);
  const known = state.snapshot?.topics.some((t) => t.name === topic) || history.reader.has('topic', { topic });
  if (!known) throw new NotFoundError(`unknown topic "${topic}" in cluster "${clusterId}"`);
  const range = parseRange(rangeParam);
  const w = windowOf(range, state.pollIntervalMs, nowMs, history.reader.firstSampleMs('topic', { topic }));
  const series = history.reader.aggregates('topic', { topic }, rowsFrom(w), w.to);
  const points = chartPoints(
    series.map((s) => s.rows),
    w.pointsFrom,
    w.to,
    w.stepMs,
  ).map((p) => {
    const retained = p.endOffsetSum === null || p.startOffsetSum === null ? null : p.endOffsetSum - p.startOffsetSum;
    const perMessage = retained && p.sizeBytes !== null ? p.sizeBytes / retained : null;
    return {
      t: p.t,
      produceRate: p.produceRate,
      bytesInRate: p.produceRate === null || perMessage === null ? null : p.produceRate * perMessage,
      sizeBytes: p.sizeBytes,
      logStartOffsetSum: p.startOffsetSum,
      retainedMessages: retained,
    };
  });
  return { ...meta(w), points };
}

export function readClusterHistory(
  clusterId: string,
  rangeParam: string | null,
  nowMs = Date.now(),
): ClusterHistoryResponse {
  const { state, history } = historyOf(clusterId);
  const range = parseRange(rangeParam);
  const w = windowOf(range, state.pollIntervalMs, nowMs, history.reader.firstSampleMs('cluster', {}));
  const series = history.reader.aggregates('cluster', {}, rowsFrom(w), w.to);
  const points = chartPoints(
    series.map((s) => s.rows),
    w.pointsFrom,
    w.to,
    w.stepMs,
  ).map((p) => ({ t: p.t, produceRate: p.produceRate, lag: p.lag, partial: p.partial }));
  return { ...meta(w), points };
}
