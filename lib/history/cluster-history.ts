/**
 * One cluster's history: appends each cycle, seals the head's older rows into chunks once
 * an hour, compacts every half hour, and answers reads. The collector owns writes; API
 * requests only read.
 */
import type { HistoryConfig } from '../config/schema';
import { HOUR_MS } from './aggregate-chunks';
import { compactHistory, RAW_HISTORY_MS, type CompactionResult, type HistoryRetention } from './compact-history';
import type { CycleRecord } from './cycle-record';
import type { HistoryDatabase } from './database';
import { EventStore } from './event-store';
import { HistoryReader } from './history-reader';
import { HistoryWriter } from './history-writer';
import type { RawFrame } from './raw-frames';

const MINUTE = 60_000;
/** Thinning and trimming of the chunks, and of the raw frames. */
const COMPACT_EVERY_MS = 30 * MINUTE;
/**
 * A raw frame is written for the first cycle of each minute (and the last cycle before a
 * stop), not every cycle: a restart's reload needs no more (it visits one a minute beyond
 * the last hour, and rates start again from the next cycles), and a frame is most of what a
 * cycle writes (bench:storage, 10,000 partitions: 77 KB). A crash loses at most the raw
 * samples of the minute it happened in; the aggregates, which charts show, are stored every
 * cycle.
 */
export const RAW_FRAME_EVERY_MS = MINUTE;

export function historyRetention(
  config: Pick<HistoryConfig, 'horizonDays' | 'fullResolutionMinutes'>,
): HistoryRetention {
  const fullResolutionMs = config.fullResolutionMinutes * MINUTE;
  return {
    horizonMs: config.horizonDays * 24 * 60 * MINUTE,
    rawHorizonMs: RAW_HISTORY_MS,
    tiers: [
      { afterMs: fullResolutionMs, stepMs: MINUTE, blockMs: HOUR_MS },
      { afterMs: Math.max(24 * 60 * MINUTE, fullResolutionMs), stepMs: 10 * MINUTE, blockMs: 6 * HOUR_MS },
    ],
  };
}

export interface HistoryWriteStats {
  writeMs: number;
  /** Aggregate rows, and the raw frame when one was written. */
  rows: number;
  /** Compressed bytes of the raw frame; 0 for a cycle whose frame was not written. */
  frameBytes: number;
  /** Rows the head moved into chunks this cycle (a seal: once an hour). */
  sealedRows: number;
  compaction: (CompactionResult & { durationMs: number }) | null;
}

export class ClusterHistory {
  readonly reader: HistoryReader;
  /** The timeline of what changed, kept as long as the samples. */
  readonly events: EventStore;
  readonly #writer: HistoryWriter;
  #lastCompactedAt = 0;
  /** The newest cycle's raw samples while they are not written (see RAW_FRAME_EVERY_MS). */
  #unwritten: RawFrame | null = null;
  #lastFrameT: number | null = null;

  constructor(
    private readonly db: HistoryDatabase,
    private readonly clusterId: string,
    private readonly retention: HistoryRetention,
  ) {
    this.#writer = new HistoryWriter(db, clusterId);
    this.reader = new HistoryReader(db, clusterId, this.#writer.head);
    this.events = new EventStore(db, clusterId, retention.horizonMs);
  }

  /** Appends a cycle (one transaction), seals the head's older rows and compacts when due. */
  record(record: CycleRecord, nowMs: number = Date.now()): HistoryWriteStats {
    const startedAt = performance.now();
    const withFrame =
      this.#lastFrameT === null ||
      Math.floor(record.t / RAW_FRAME_EVERY_MS) !== Math.floor(this.#lastFrameT / RAW_FRAME_EVERY_MS);
    const { rows, frameBytes } = this.#writer.append(record, withFrame);
    if (withFrame) this.#lastFrameT = record.t;
    this.#unwritten = withFrame ? null : { t: record.t, partitions: record.partitions, commits: record.commits };
    const sealedRows = this.#sealIfDue(record.t);
    const writeMs = performance.now() - startedAt;
    return { writeMs, rows, frameBytes, sealedRows, compaction: this.compactIfDue(nowMs) };
  }

  /** Rows older than the full-resolution span, a whole hour of them at a time, go to chunks. */
  #sealIfDue(t: number): number {
    const [first] = this.retention.tiers;
    const cutoff = Math.floor((t - first.afterMs) / first.blockMs) * first.blockMs;
    const oldest = this.#writer.head.oldestT;
    if (oldest === null || oldest >= cutoff) return 0;
    return this.#writer.seal(cutoff, first.blockMs, first.stepMs);
  }

  /**
   * Reads on what another replica wrote (the one holding the cluster's lease): its cycles
   * since the last call, and its seals. A replica that follows a cluster does not write it.
   */
  follow(): void {
    this.#writer.follow();
  }

  /** Writes what is held only in memory (the last cycle's raw frame), before the database is closed. */
  flush(): void {
    if (this.#unwritten === null) return;
    this.#writer.writeFrame(this.#unwritten);
    this.#lastFrameT = this.#unwritten.t;
    this.#unwritten = null;
  }

  compactIfDue(nowMs: number, force = false): HistoryWriteStats['compaction'] {
    if (!force && nowMs - this.#lastCompactedAt < COMPACT_EVERY_MS) return null;
    this.#lastCompactedAt = nowMs;
    const startedAt = performance.now();
    const result = compactHistory(this.db, this.clusterId, nowMs, this.retention, this.#writer.head.seriesIds());
    if (result.deletedSeries > 0) this.#writer.series.forget();
    return { ...result, durationMs: performance.now() - startedAt };
  }
}
