/**
 * The poll loop of one cluster: a cycle never overlaps the previous one, and a
 * failed cycle is recorded and retried at the next tick. Stopping waits for the
 * running cycle, or abandons it after a grace period: then nothing of it is published.
 */
import { describeError } from '../kafka/errors';
import type { KafkaClient } from '../kafka/kafka-client';
import { log as rootLog, type Logger } from '../log/logger';
import type { Condition } from '../alerts/alert-types';
import type { HistoryAggregates } from '../history/cycle-record';
import type { ClusterAnalysis } from './analysis-types';
import { CycleStats, type CycleStatsReading } from './cycle-stats';
import { settlesWithin } from '../async/settles-within';
import type { ClusterSnapshot } from './snapshot';
import type { ClusterStateStore } from './state-store';
import type { ConnectionFailureKind } from '../kafka/connection-failure';
import type { ClusterEvent } from '../analysis/cluster-events';
import { emptyCycleRead, kafkaCycleReader, type CycleRead, type CycleReader } from './cycle-reader';

/** Where the cycles are read: a reader (the collector thread's), or a client read and analysed here. */
export type CycleSource =
  | { reader: CycleReader }
  | {
      client: KafkaClient;
      /** Analyses a good snapshot before it is published (it may read a little more from Kafka). */
      analyze?: (snapshot: ClusterSnapshot) => Promise<ClusterAnalysis>;
    };

export type ClusterLoopOptions = CycleSource & {
  clusterId: string;
  store: ClusterStateStore;
  pollIntervalMs: number;
  now?: () => number;
  log?: Logger;
  /** Where the cycles are counted; the loop's own by default (a replica's loops share one per cluster). */
  stats?: CycleStats;
  /** Called after every cycle, good or failed (history and alerts hook in here). */
  onCycle?: (result: {
    snapshot: ClusterSnapshot | null;
    analysis: ClusterAnalysis | null;
    /** The sums the cycle adds to the history; null without a snapshot. */
    aggregates: HistoryAggregates | null;
    /** The group alert rules' conditions, when the reader evaluated them (see CycleRead). */
    groupConditions: Condition[] | null;
    /** What changed since the previous snapshot (see CycleRead); null without one. */
    changes: ClusterEvent[] | null;
    error: string | null;
    /** What kind of failure `error` is (see ConnectionFailureKind); null with a snapshot. */
    errorKind: ConnectionFailureKind | null;
  }) => void | Promise<void>;
};

export interface ClusterLoop {
  /**
   * Stops polling and closes the client. A running cycle is waited for up to `graceMs`
   * (without limit by default), then abandoned; says whether one was.
   */
  stop(graceMs?: number): Promise<{ abandonedCycle: boolean }>;
  /** Resolves after the next cycle finishes (tests and the benchmark wait on it). */
  nextCycle(): Promise<void>;
  /** Counts and durations of the cycles so far, for the metrics. */
  stats(): CycleStatsReading;
}

export function startClusterLoop(options: ClusterLoopOptions): ClusterLoop {
  const { clusterId, store, pollIntervalMs, now = Date.now } = options;
  const reader = 'reader' in options ? options.reader : kafkaCycleReader(options.client, options.analyze, now);
  const log = (options.log ?? rootLog).child({ component: 'collector', cluster: clusterId });
  const stats = options.stats ?? new CycleStats();
  let stopped = false;
  let abandoned = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let waiters: (() => void)[] = [];

  const cycle = async () => {
    const startedAt = now();
    // The Kafka part: it publishes nothing, so it can be abandoned.
    const read = await readCycle(reader);
    const { snapshot, analysis, aggregates, groupConditions, changes, error, errorKind, analysisError, requestCount } =
      read;
    if (abandoned) return;
    if (read.repeat) {
      if (!stopped) timer = setTimeout(tick, Math.max(0, pollIntervalMs - (now() - startedAt)));
      return;
    }
    if (error !== null) store.recordFailure(clusterId, now(), error, errorKind ?? undefined);
    if (snapshot) {
      // The raw numbers are still worth showing without the analysis.
      if (analysisError !== null)
        log.error({ error: analysisError }, `cluster ${clusterId}: analysis failed: ${analysisError}`);
      store.recordSuccess(clusterId, snapshot, analysis);
    }
    try {
      await options.onCycle?.({ snapshot, analysis, aggregates, groupConditions, changes, error, errorKind });
    } catch (failure) {
      const text = describeError(failure);
      log.error({ error: text }, `cluster ${clusterId}: after-cycle hook failed: ${text}`);
    }
    stats.record(now() - startedAt, error !== null, snapshot?.failures ?? [], requestCount);
    const done = waiters;
    waiters = [];
    done.forEach((resolve) => resolve());
    if (!stopped) timer = setTimeout(tick, Math.max(0, pollIntervalMs - (now() - startedAt)));
  };
  const tick = () => {
    running = cycle();
  };
  // The first cycle once the reader is ready; a stop meanwhile waits for that, then ends.
  running = (reader.ready?.() ?? Promise.resolve()).then(() => {
    if (!stopped) tick();
  });

  return {
    nextCycle: () => new Promise<void>((resolve) => waiters.push(resolve)),
    stats: () => stats.read(),
    async stop(graceMs = Infinity) {
      stopped = true;
      clearTimeout(timer);
      abandoned = !(await settlesWithin(running, graceMs));
      // Closing the connections also ends the abandoned cycle's requests.
      await reader.close();
      return { abandonedCycle: abandoned };
    },
  };
}

/**
 * A reader that fails (the collector thread stopped, say) fails the cycle, as Watermark's
 * failure: not as a cluster that does not answer.
 */
async function readCycle(reader: CycleReader): Promise<CycleRead> {
  try {
    return await reader.read();
  } catch (failure) {
    return emptyCycleRead({ error: describeError(failure), errorKind: 'collector-failed' });
  }
}
