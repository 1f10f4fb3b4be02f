/**
 * The poll loop of one cluster: a cycle never overlaps the previous one, and a
 * failed cycle is recorded and retried at the next tick.
 */
import { describeError } from '../kafka/errors';
import type { KafkaClient } from '../kafka/kafka-client';
import { collectCycle } from './collect-cycle';
import type { ClusterAnalysis } from './analysis-types';
import type { ClusterSnapshot } from './snapshot';
import type { ClusterStateStore } from './state-store';

export interface ClusterLoopOptions {
  clusterId: string;
  client: KafkaClient;
  store: ClusterStateStore;
  pollIntervalMs: number;
  now?: () => number;
  /** Analyses a good snapshot before it is published (it may read a little more from Kafka). */
  analyze?: (snapshot: ClusterSnapshot) => Promise<ClusterAnalysis>;
  /** Called after every cycle, good or failed (history and alerts hook in here). */
  onCycle?: (result: {
    snapshot: ClusterSnapshot | null;
    analysis: ClusterAnalysis | null;
    error: string | null;
  }) => void | Promise<void>;
}

export interface ClusterLoop {
  stop(): Promise<void>;
  /** Resolves after the next cycle finishes (tests and the benchmark wait on it). */
  nextCycle(): Promise<void>;
}

export function startClusterLoop(options: ClusterLoopOptions): ClusterLoop {
  const { clusterId, client, store, pollIntervalMs, now = Date.now } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let waiters: (() => void)[] = [];

  const cycle = async () => {
    const startedAt = now();
    let snapshot: ClusterSnapshot | null = null;
    let analysis: ClusterAnalysis | null = null;
    let error: string | null = null;
    try {
      snapshot = await collectCycle(client, store.get(clusterId)?.snapshot ?? null, now);
    } catch (failure) {
      error = describeError(failure);
      store.recordFailure(clusterId, now(), error);
    }
    if (snapshot) {
      try {
        analysis = (await options.analyze?.(snapshot)) ?? null;
      } catch (failure) {
        // The raw numbers are still worth showing without the analysis.
        console.error(`[watermark] cluster ${clusterId}: analysis failed: ${describeError(failure)}`);
      }
      store.recordSuccess(clusterId, snapshot, analysis);
    }
    try {
      await options.onCycle?.({ snapshot, analysis, error });
    } catch (failure) {
      console.error(`[watermark] cluster ${clusterId}: after-cycle hook failed: ${describeError(failure)}`);
    }
    const done = waiters;
    waiters = [];
    done.forEach((resolve) => resolve());
    if (!stopped) timer = setTimeout(tick, Math.max(0, pollIntervalMs - (now() - startedAt)));
  };
  const tick = () => {
    running = cycle();
  };
  tick();

  return {
    nextCycle: () => new Promise<void>((resolve) => waiters.push(resolve)),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await client.close();
    },
  };
}
