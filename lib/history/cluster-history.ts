/**
 * One cluster's history: appends each cycle, compacts every few minutes, and
 * answers reads. The collector owns writes; API requests only read.
 */
import type { HistoryConfig } from '../config/schema';
import { AggregateBuffer } from './aggregate-buffer';
import { compactHistory, RAW_HISTORY_MS, type CompactionResult, type HistoryRetention } from './compact-history';
import type { CycleRecord } from './cycle-record';
import type { HistoryDatabase } from './database';
import { HistoryReader } from './history-reader';
import { HistoryWriter } from './history-writer';

const MINUTE = 60_000;
/**
 * Thinning touches every series' newest pages; at 30 minutes instead of 5 each is written
 * once per half hour (bench:storage, 1,000 partitions: 39 % fewer bytes written, with
 * the longer flush below). Rows past the first hour wait up to 30 minutes to be thinned.
 */
const COMPACT_EVERY_MS = 30 * MINUTE;
/** How long aggregates wait in the buffer (and pending_aggregates) before they join aggregate_samples. */
const FLUSH_EVERY_MS = 15 * MINUTE;

export function historyRetention(
  config: Pick<HistoryConfig, 'horizonDays' | 'fullResolutionMinutes'>,
): HistoryRetention {
  const fullResolutionMs = config.fullResolutionMinutes * MINUTE;
  return {
    horizonMs: config.horizonDays * 24 * 60 * MINUTE,
    rawHorizonMs: RAW_HISTORY_MS,
    tiers: [
      { afterMs: fullResolutionMs, stepMs: MINUTE },
      { afterMs: Math.max(24 * 60 * MINUTE, fullResolutionMs), stepMs: 10 * MINUTE },
    ],
  };
}

export interface HistoryWriteStats {
  writeMs: number;
  /** Aggregate rows and the raw frame. */
  rows: number;
  /** Compressed bytes of the raw frame. */
  frameBytes: number;
  compaction: (CompactionResult & { durationMs: number }) | null;
}

export class ClusterHistory {
  readonly reader: HistoryReader;
  readonly #writer: HistoryWriter;
  readonly #buffer: AggregateBuffer;
  #lastCompactedAt = 0;

  constructor(
    private readonly db: HistoryDatabase,
    private readonly clusterId: string,
    private readonly retention: HistoryRetention,
  ) {
    this.#buffer = new AggregateBuffer();
    this.#writer = new HistoryWriter(db, clusterId, this.#buffer);
    this.reader = new HistoryReader(db, clusterId, this.#buffer);
  }

  /** Appends a cycle (one transaction) and compacts when due. */
  record(record: CycleRecord, nowMs: number = Date.now()): HistoryWriteStats {
    const startedAt = performance.now();
    const { rows, frameBytes } = this.#writer.append(record);
    const oldest = this.#buffer.oldestT;
    if (oldest !== null && record.t - oldest >= FLUSH_EVERY_MS) this.#writer.flush();
    const writeMs = performance.now() - startedAt;
    return { writeMs, rows, frameBytes, compaction: this.compactIfDue(nowMs) };
  }

  /** Moves the buffered aggregates into aggregate_samples now (before the database is closed). */
  flush(): void {
    this.#writer.flush();
  }

  compactIfDue(nowMs: number, force = false): HistoryWriteStats['compaction'] {
    if (!force && nowMs - this.#lastCompactedAt < COMPACT_EVERY_MS) return null;
    this.#lastCompactedAt = nowMs;
    const startedAt = performance.now();
    // Compaction works on aggregate_samples: what waits in the buffer joins it first.
    this.#writer.flush();
    const result = compactHistory(this.db, this.clusterId, nowMs, this.retention);
    if (result.deletedSeries > 0) this.#writer.series.forget();
    return { ...result, durationMs: performance.now() - startedAt };
  }
}
