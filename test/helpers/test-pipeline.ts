/**
 * Watermark's real cluster pipeline (collect, analyse) on the local cluster, and a
 * producer writing at a steady rate, for tests that watch the analysis over cycles.
 */
import type { Producer } from 'kafkajs';
import { groupView } from '@/lib/api/views/group-views';
import type { GroupResponse } from '@/lib/api/schemas';
import { startClusterPipeline } from '@/lib/collector/cluster-pipeline';
import type { ClusterLoop } from '@/lib/collector/cluster-loop';
import type { ClusterState } from '@/lib/collector/snapshot';
import { ClusterStateStore } from '@/lib/collector/state-store';
import { createKafkaClient, type KafkaClient } from '@/lib/kafka/kafka-client';
import type { Logger } from '@/lib/log/logger';
import { LOCAL_BROKERS, sendWithRetry, sleep, uniqueName } from './local-cluster';

export interface TestPipeline {
  pipeline: ClusterLoop;
  /** Waits for the next cycle to finish and returns the state it published. */
  cycle(): Promise<ClusterState>;
  stop(): Promise<void>;
}

export interface TestPipelineOptions {
  exactTimeLagBudget?: number;
  windowSize?: number;
  allowedLag?: number;
  /** The pipeline's clock (collection times, the timestamp cache's ages); Date.now by default. */
  now?: () => number;
  /** Another connection than the super user's over PLAINTEXT (a SCRAM user over SASL_SSL, say). */
  client?: KafkaClient;
  /** How long a topic that refused Read waits before it is read again. */
  refusalRetryMs?: number;
  log?: Logger;
}

/** A pipeline polling every second, without history, as the server runs one per cluster. */
export function startTestPipeline(options: TestPipelineOptions = {}): TestPipeline {
  const id = uniqueName('pipeline');
  const pollIntervalMs = 1000;
  const store = new ClusterStateStore();
  store.register(id, id, pollIntervalMs);
  const pipeline = startClusterPipeline({
    cluster: {
      id,
      pollIntervalMs,
      lagStatus: { windowSize: options.windowSize ?? 5, allowedLag: options.allowedLag ?? 0 },
      exactTimeLagBudget: options.exactTimeLagBudget ?? 200,
    },
    client: options.client ?? createKafkaClient({ brokers: LOCAL_BROKERS, requestTimeoutMs: 5000 }),
    store,
    history: null,
    now: options.now,
    refusalRetryMs: options.refusalRetryMs,
    log: options.log,
  });
  return {
    pipeline,
    async cycle() {
      await pipeline.nextCycle();
      const state = store.get(id)!;
      if (!state.snapshot || !state.analysis) throw new Error(`cycle without snapshot or analysis: ${state.error}`);
      return state;
    },
    async stop() {
      await pipeline.stop();
    },
  };
}

/** The state published by the first cycle of a new pipeline, stopped after it. */
export async function cycleOnce(options: TestPipelineOptions = {}): Promise<ClusterState> {
  const pipeline = startTestPipeline(options);
  try {
    return await pipeline.cycle();
  } finally {
    await pipeline.stop();
  }
}

/** The API's view of one group in a published state. */
export function viewOfGroup(state: ClusterState, groupId: string): GroupResponse {
  const group = state.snapshot?.groups.find((g) => g.groupId === groupId);
  if (!group) throw new Error(`group ${groupId} not collected`);
  return groupView(state, group);
}

export interface SteadyProducer {
  /** Messages sent so far. */
  sent(): number;
  /** Stops after the send in flight; rejects with the first send error, if any. */
  stop(): Promise<number>;
}

/**
 * Sends `messagesPerSecond` on average, round-robin over `partitions`, in small batches every
 * `tickMs`: each tick sends what is due since the start, so a slow send does not lower the rate.
 * `timestamp` sets each record's CreateTime (the producer's clock otherwise).
 */
export function startSteadyProducer(
  producer: Producer,
  topic: string,
  options: { messagesPerSecond: number; partitions: number[]; tickMs?: number; timestamp?: () => number },
): SteadyProducer {
  const { messagesPerSecond, partitions, tickMs = 100 } = options;
  const startedAt = Date.now();
  let sent = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const due = Math.floor(((Date.now() - startedAt) / 1000) * messagesPerSecond) - sent;
      if (due > 0) {
        const messages = Array.from({ length: due }, (_, i) => ({
          partition: partitions[(sent + i) % partitions.length],
          value: `message-${sent + i}`,
          ...(options.timestamp ? { timestamp: String(options.timestamp()) } : {}),
        }));
        await sendWithRetry(producer, { topic, messages });
        sent += due;
      }
      await sleep(tickMs);
    }
  })();
  // Reported by stop(); without this handler a failing send would also be an unhandled rejection.
  loop.catch(() => undefined);
  return {
    sent: () => sent,
    async stop() {
      stopped = true;
      await loop;
      return sent;
    },
  };
}
