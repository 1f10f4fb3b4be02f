/**
 * Everything one cluster's cycle does, wired together: collect, analyse, publish,
 * append to the history. Used by the server runtime, the benchmark and tests.
 */
import type { AlertState, Transition } from '../alerts/alert-types';
import { alertEvents, type ClusterEvent } from '../analysis/cluster-events';
import type { ClusterAlerts } from '../alerts/cluster-alerts';
import type { ClusterConfig } from '../config/schema';
import type { ClusterHistory, HistoryWriteStats } from '../history/cluster-history';
import type { CycleRecord } from '../history/cycle-record';
import type { HistoryReader } from '../history/history-reader';
import { RAW_HISTORY_MS } from '../history/compact-history';
import { describeError } from '../kafka/errors';
import type { KafkaClient } from '../kafka/kafka-client';
import { log as rootLog, type Logger } from '../log/logger';
import { analysisFailures, ClusterAnalyzer } from './cluster-analyzer';
import { startClusterLoop, type ClusterLoop, type CycleSource } from './cluster-loop';
import type { CycleReader } from './cycle-reader';
import type { CycleStats } from './cycle-stats';
import { FailureLog } from './failure-log';
import { rawSamples } from './history-record';
import { nextTurn } from './slices';
import type { ClusterStateStore } from './state-store';

const MINUTE = 60_000;

export interface AnalyzerOptions {
  cluster: Pick<ClusterConfig, 'id' | 'pollIntervalMs' | 'lagStatus' | 'exactTimeLagBudget'>;
  client: KafkaClient;
  now?: () => number;
  /** How long a topic that refused Read waits before it is read again (default 5 minutes; tests shorten it). */
  refusalRetryMs?: number;
}

export interface ClusterPipelineOptions {
  cluster: Pick<ClusterConfig, 'id' | 'pollIntervalMs' | 'lagStatus' | 'exactTimeLagBudget'>;
  /**
   * Where cycles are read: a client, read and analysed in this thread (tests, the benchmark),
   * or a reader that does both elsewhere (the server's collector thread, seeded there).
   */
  client?: KafkaClient;
  reader?: CycleReader;
  store: ClusterStateStore;
  history: ClusterHistory | null;
  /** Evaluated after every good cycle; null: no alerting (the benchmark, some tests). */
  alerts?: ClusterAlerts | null;
  /** Receives fired and resolved alerts; must return at once (it only queues). */
  notifier?: {
    notify(transitions: Transition[], nowMs: number): void;
    /** The firing alerts again, for receivers that forget them (Alertmanager). */
    refresh?(firing: AlertState[], nowMs: number): void;
  } | null;
  now?: () => number;
  /** Where the cycles are counted (see ClusterLoopOptions). */
  stats?: CycleStats;
  /** Called with the cost of each history write (the benchmark reports it). */
  onRecorded?: (stats: HistoryWriteStats) => void;
  log?: Logger;
  /** How long a topic that refused Read waits before it is read again (default 5 minutes; tests shorten it). */
  refusalRetryMs?: number;
}

export function createAnalyzer(options: AnalyzerOptions): ClusterAnalyzer {
  const { cluster, client, now } = options;
  const rateWindowMs = Math.max(MINUTE, 3 * cluster.pollIntervalMs);
  return new ClusterAnalyzer({
    client,
    now,
    timestampBudget: cluster.exactTimeLagBudget,
    refusalRetryMs: options.refusalRetryMs,
    memory: {
      rateWindowMs,
      // Points go where the produce rate changed (offset-table.ts), so 120 follow days of
      // traffic (kafka-lag-exporter keeps 60); 720 took 115 MB at 10,000 partitions.
      offsetTablePoints: 120,
      statusWindowSize: cluster.lagStatus.windowSize,
      forgetAfterMs: 60 * MINUTE,
    },
    analysis: {
      rates: { windowMs: rateWindowMs, maxGapMs: 3 * cluster.pollIntervalMs },
      lagStatus: cluster.lagStatus,
    },
  });
}

/** Reloads the analyzer's memory from the history; a failure is logged and the analysis starts afresh. */
export function seedAnalyzer(
  analyzer: ClusterAnalyzer,
  reader: HistoryReader,
  options: { clusterId: string; now: number; producedTotal?: number; log: Logger },
): void {
  const { clusterId, log } = options;
  try {
    analyzer.seed(reader, options.now - RAW_HISTORY_MS, options.producedTotal);
  } catch (failure) {
    const error = describeError(failure);
    log.error(
      { component: 'collector', cluster: clusterId, error },
      `cluster ${clusterId}: could not reload history: ${error}`,
    );
  }
}

/** The source of a pipeline's cycles: its reader, or its client with an analyzer seeded from the history. */
function cycleSource(options: ClusterPipelineOptions): CycleSource {
  const { cluster, client, reader, history, now = Date.now, log = rootLog } = options;
  if (reader) return { reader };
  if (!client) throw new Error(`cluster ${cluster.id}: a pipeline needs a client or a reader`);
  const analyzer = createAnalyzer({ ...options, client });
  if (history) seedAnalyzer(analyzer, history.reader, { clusterId: cluster.id, now: now(), log });
  return { client, analyze: (snapshot) => analyzer.analyze(snapshot) };
}

export function startClusterPipeline(options: ClusterPipelineOptions): ClusterLoop {
  const { cluster, store, history, now = Date.now, log = rootLog } = options;
  const failureLog = new FailureLog(cluster.id, log);
  const timeline = history ? new TimelineRecorder(cluster.id, history, log) : null;
  const loop = startClusterLoop({
    ...cycleSource(options),
    clusterId: cluster.id,
    store,
    pollIntervalMs: cluster.pollIntervalMs,
    now,
    log,
    stats: options.stats,
    onCycle: async ({ snapshot, aggregates, groupConditions, changes, analysis, error, errorKind }) => {
      if (error !== null) failureLog.cycleFailed(error, now(), errorKind ?? 'unreachable');
      // The analysis's own refusals (Read, for record timestamps) are logged like the collection's.
      if (snapshot) failureLog.cycleSucceeded([...snapshot.failures, ...analysisFailures(analysis)], now());
      // A turn of the event loop between the steps (requests waiting get answered): at 10,000
      // partitions each takes tens of milliseconds.
      if (history && snapshot && aggregates) {
        recordHistory(options, history, { ...aggregates, ...rawSamples(snapshot) });
        await nextTurn();
      }
      const state = store.get(cluster.id);
      let transitions: Transition[] = [];
      if (options.alerts && state) {
        // Evaluated even without a notifier: `notifier?.notify(evaluate())` would skip it.
        const nowMs = now();
        transitions = options.alerts.evaluate(state, nowMs, groupConditions);
        options.notifier?.notify(transitions, nowMs);
        options.notifier?.refresh?.(options.alerts.notifiedFiring(nowMs), nowMs);
      }
      timeline?.record(snapshot?.collectedAt ?? null, changes ?? [], transitions, now());
    },
  });
  return loop;
}

/**
 * Appends the cycle to the history. A failing write (a full disk, a database gone bad)
 * must not stop the cycle: the alerts are evaluated after it either way, the failure
 * is kept in the cluster's state (health, metrics, the history-write-failed alert), and
 * it is logged once when it starts and once when it ends.
 */
function recordHistory(options: ClusterPipelineOptions, history: ClusterHistory, record: CycleRecord): void {
  const { cluster, store, now = Date.now, log = rootLog } = options;
  const before = store.get(cluster.id)?.historyError ?? null;
  let error: string | null = null;
  try {
    // Not folded into `onRecorded?.(…)`: optional chaining would skip the write itself.
    const stats = history.record(record, now());
    options.onRecorded?.(stats);
  } catch (failure) {
    error = describeError(failure);
  }
  // The alerts are stored in the same database: their last save tells the same story.
  error ??= options.alerts?.saveError() ?? null;
  store.recordHistoryWrite(cluster.id, now(), error);
  const fields = { component: 'history', cluster: cluster.id };
  if (error !== null && before === null) {
    log.error(
      { ...fields, error },
      `cluster ${cluster.id}: cannot write the history: ${error} (alerts go on; charts have a gap)`,
    );
  } else if (error === null && before !== null) {
    log.info(fields, `cluster ${cluster.id}: the history is written again`);
  }
}

/**
 * Writes the timeline: what changed since the last good snapshot (derived by the cycle
 * reader, on the collector thread in the server; a failed cycle is skipped, so changes
 * across an outage are dated from the last good one), and the cycle's alert transitions. The first cycle after a start has nothing to compare with and writes only
 * its alerts. A failing write is logged when it starts and when it ends; the cycle goes on.
 */
class TimelineRecorder {
  /** When the last good snapshot was collected: alert transitions happened after it. */
  #previousAt: number | null = null;
  #failing = false;

  constructor(
    private readonly clusterId: string,
    private readonly history: ClusterHistory,
    private readonly log: Logger,
  ) {}

  /** `collectedAt`: the cycle's snapshot's, null for a failed cycle; `changes`: derived by the reader. */
  record(collectedAt: number | null, changes: ClusterEvent[], transitions: Transition[], nowMs: number): void {
    const events = [...changes, ...alertEvents(transitions, this.#previousAt ?? nowMs)];
    if (collectedAt !== null) this.#previousAt = collectedAt;
    const fields = { component: 'history', cluster: this.clusterId };
    try {
      this.history.events.append(events, nowMs);
      if (this.#failing) this.log.info(fields, `cluster ${this.clusterId}: the timeline is written again`);
      this.#failing = false;
    } catch (failure) {
      const error = describeError(failure);
      if (!this.#failing)
        this.log.error({ ...fields, error }, `cluster ${this.clusterId}: cannot write the timeline: ${error}`);
      this.#failing = true;
    }
  }
}
