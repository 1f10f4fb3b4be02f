/**
 * The analysis step of a cycle: remember the snapshot, read the record timestamps
 * exact time lag needs (within a per-cycle budget), then compute.
 */
import { notAuthorisedFailure, READ_PURPOSE } from '../kafka/authorization';
import type { KafkaClient } from '../kafka/kafka-client';
import type { TimestampRequest } from '../kafka/record-timestamps';
import type { PartialFailure } from '../kafka/types';
import type { HistoryReader, RawFrameThinning } from '../history/history-reader';
import type { ClusterAnalysis } from './analysis-types';
import { analysisSteps, type AnalysisOptions } from './analyze-snapshot';
import { nextTurn, runInSlices } from './slices';
import { ClusterMemory, type MemoryOptions } from './cluster-memory';
import { partitionKey } from './partition-key';
import type { ClusterSnapshot } from './snapshot';
import { offsetsIndex } from './snapshot-indexes';
import { TimestampCache, type WantedTimestamp } from './timestamp-cache';
import { isCompacted } from '../analysis/retention-risk';

const MINUTE = 60_000;
/**
 * What a restart replays of the raw frames (one a minute): all of the last hour, one per 5
 * minutes before it. Rates need the last minutes, lag status the last few commits, and the
 * time-lag tables keep 120 points however many they are offered: replaying all 360 frames of
 * 6 hours took 15 CPU-seconds at 10,000 partitions (bench:storage).
 */
const SEED_THINNING: RawFrameThinning = { fullResolutionMs: 60 * MINUTE, stepMs: 5 * MINUTE };

export interface ClusterAnalyzerOptions {
  client: KafkaClient;
  memory: MemoryOptions;
  analysis: AnalysisOptions;
  /** Record timestamps read per cycle at most. */
  timestampBudget: number;
  /** How long a topic that refused Read waits before it is asked again (default REFUSAL_RETRY_MS). */
  refusalRetryMs?: number;
  now?: () => number;
}

/** How old a record timestamp read from a compacted topic may get before it is read again. */
export const COMPACTED_REREAD_MS = 5 * 60_000;

/**
 * Offsets whose record timestamp is wanted, most useful first: each lagging group's
 * committed offset (largest lag first), then each partition's log start offset. In
 * compacted topics compaction can remove the record read, so those are read again
 * every COMPACTED_REREAD_MS (the oldest message age otherwise kept a removed record's).
 */
export function wantedTimestamps(snapshot: ClusterSnapshot): WantedTimestamp[] {
  const offsets = offsetsIndex(snapshot);
  const compacted = new Set(
    snapshot.topicConfigs.filter((c) => isCompacted(c.configs['cleanup.policy'] ?? null)).map((c) => c.topic),
  );
  const refresh = (topic: string) => (compacted.has(topic) ? { refreshAfterMs: COMPACTED_REREAD_MS } : {});
  const committed: (TimestampRequest & { lag: number; endOffset: number })[] = [];
  for (const group of snapshot.groups) {
    for (const c of group.offsets) {
      const end = offsets.get(partitionKey(c.topic, c.partition));
      if (!end || c.offset >= end.highWatermark || c.offset < end.logStartOffset) continue;
      const lag = end.highWatermark - c.offset;
      committed.push({ topic: c.topic, partition: c.partition, offset: c.offset, lag, endOffset: end.highWatermark });
    }
  }
  committed.sort((a, b) => b.lag - a.lag);
  const starts = snapshot.offsets
    .filter((o) => o.highWatermark > o.logStartOffset)
    .map((o) => ({ topic: o.topic, partition: o.partition, offset: o.logStartOffset, ...refresh(o.topic) }));
  const requests = committed.map(({ topic, partition, offset, endOffset }) => ({
    topic,
    partition,
    offset,
    endOffset,
    ...refresh(topic),
  }));
  return [...requests, ...starts];
}

/**
 * What the analysis could not read, as the collector's partial failures (for the log): the
 * topics that refused Read, as one failure for as long as they refuse.
 */
export function analysisFailures(analysis: ClusterAnalysis | null): PartialFailure[] {
  const refused = analysis?.recordTimestamps.refusedTopics ?? [];
  if (refused.length === 0) return [];
  return [notAuthorisedFailure('Fetch', 'Read', { type: 'topic', names: refused }, READ_PURPOSE.both)];
}

export class ClusterAnalyzer {
  readonly memory: ClusterMemory;
  readonly timestamps: TimestampCache;

  constructor(private readonly options: ClusterAnalyzerOptions) {
    this.memory = new ClusterMemory(options.memory);
    this.timestamps = new TimestampCache(options.refusalRetryMs);
  }

  /**
   * Reloads the raw samples since `sinceMs` from the history, so rates, estimated time lag
   * and lag status continue after a restart instead of starting from nothing: the last hour
   * cycle by cycle, before it one cycle a minute (the time-lag table keeps no finer detail
   * that far back).
   */
  seed(reader: HistoryReader, sinceMs: number, producedTotal?: number): void {
    reader.forEachRawFrame(sinceMs, (frame) => this.memory.replay(frame), SEED_THINNING);
    // Carry on the produced total so the cluster's produce rate does not restart with a reset
    // (given by a caller whose reader cannot see the rows not yet sealed).
    this.memory.producedTotal = producedTotal ?? reader.latestClusterRow()?.endOffsetSum ?? 0;
  }

  async analyze(snapshot: ClusterSnapshot): Promise<ClusterAnalysis> {
    const now = this.options.now ?? Date.now;
    await runInSlices(this.memory.observeSteps(snapshot));
    const wanted = wantedTimestamps(snapshot);
    await nextTurn();
    const missing = this.timestamps.plan(wanted, this.options.timestampBudget, now());
    await nextTurn();
    const startedAt = now();
    let answered = 0;
    if (missing.length > 0) {
      const live = snapshot.brokers.filter((b) => b.reachable);
      const result = await this.options.client.recordTimestamps(live, snapshot.topics, missing);
      this.timestamps.store(result.value, now());
      answered = result.value.filter((r) => r.timestampMs !== null).length;
    }
    const recordTimestamps = {
      requested: missing.length,
      answered,
      budget: this.options.timestampBudget,
      durationMs: now() - startedAt,
      refusedTopics: this.timestamps.refusedTopics(),
    };
    // In slices: at 10,000 partitions the analysis would hold the event loop for hundreds of ms.
    const analysis = await runInSlices(
      analysisSteps({ snapshot, memory: this.memory, timestamps: this.timestamps, options: this.options.analysis }),
    );
    return { ...analysis, recordTimestamps };
  }
}
