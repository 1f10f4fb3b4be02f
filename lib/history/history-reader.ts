/**
 * Reads from the history: aggregate series for charts, and the recent raw samples
 * the collector reloads after a restart so rates, time lag and lag status continue.
 */
import type { HistoryDatabase } from './database';
import type { AggregateSample } from './cycle-record';
import { SeriesIds, type SeriesKind } from './series-ids';

const AGGREGATE_COLUMNS = `t, partition_count AS partitionCount, end_offset_sum AS endOffsetSum,
  start_offset_sum AS startOffsetSum, committed_sum AS committedSum, size_bytes AS sizeBytes, lag,
  max_time_lag_seconds AS maxTimeLagSeconds, flags`;

export interface AggregateRow extends AggregateSample {
  t: number;
}

export interface SeriesRows<Row> {
  groupId: string;
  topic: string;
  partition: number;
  rows: Row[];
}

export interface PartitionRow {
  t: number;
  highWatermark: number;
  logStartOffset: number;
  sizeBytes: number | null;
}

export interface CommitRow {
  t: number;
  committedOffset: number;
}

export class HistoryReader {
  readonly #series: SeriesIds;

  constructor(
    private readonly db: HistoryDatabase,
    clusterId: string,
  ) {
    this.#series = new SeriesIds(db, clusterId);
  }

  /** Aggregate rows of every series of `kind` (filtered by group or topic) with fromMs ≤ t ≤ toMs. */
  aggregates(
    kind: Extract<SeriesKind, 'topic' | 'group-topic' | 'cluster'>,
    filter: { groupId?: string; topic?: string },
    fromMs: number,
    toMs: number,
  ): SeriesRows<AggregateRow>[] {
    const select = this.db.prepare(
      `SELECT ${AGGREGATE_COLUMNS}
       FROM aggregate_samples WHERE series_id = ? AND t >= ? AND t <= ? ORDER BY t`,
    );
    return this.#series.list(kind, filter).map((s) => ({
      groupId: s.groupId,
      topic: s.topic,
      partition: s.partition,
      rows: select.all(s.id, fromMs, toMs) as AggregateRow[],
    }));
  }

  /**
   * Epoch ms of the oldest aggregate sample kept of `kind` (filtered by group or topic), or
   * null when there is none: where a chart's history begins. One index lookup per series.
   */
  firstSampleMs(
    kind: Extract<SeriesKind, 'topic' | 'group-topic' | 'cluster'>,
    filter: { groupId?: string; topic?: string },
  ): number | null {
    const select = this.db.prepare('SELECT MIN(t) AS t FROM aggregate_samples WHERE series_id = ?');
    let first: number | null = null;
    for (const s of this.#series.list(kind, filter)) {
      const { t } = select.get(s.id) as { t: number | null };
      if (t !== null && (first === null || t < first)) first = t;
    }
    return first;
  }

  /** Raw partition samples since `sinceMs`, per partition, oldest first. */
  partitionSamples(sinceMs: number): SeriesRows<PartitionRow>[] {
    const select = this.db.prepare(
      `SELECT t, high_watermark AS highWatermark, log_start_offset AS logStartOffset, size_bytes AS sizeBytes
       FROM partition_samples WHERE series_id = ? AND t >= ? ORDER BY t`,
    );
    return this.#series.list('partition').map((s) => ({ ...s, rows: select.all(s.id, sinceMs) as PartitionRow[] }));
  }

  /** Raw committed offsets since `sinceMs`, per group and partition, oldest first. */
  commitSamples(sinceMs: number): SeriesRows<CommitRow>[] {
    const select = this.db.prepare(
      'SELECT t, committed_offset AS committedOffset FROM commit_samples WHERE series_id = ? AND t >= ? ORDER BY t',
    );
    return this.#series.list('group-partition').map((s) => ({ ...s, rows: select.all(s.id, sinceMs) as CommitRow[] }));
  }

  /** The newest cluster aggregate, if any. */
  latestClusterRow(): AggregateRow | undefined {
    const series = this.#series.list('cluster')[0];
    if (!series) return undefined;
    return this.db
      .prepare(
        `SELECT ${AGGREGATE_COLUMNS}
         FROM aggregate_samples WHERE series_id = ? ORDER BY t DESC LIMIT 1`,
      )
      .get(series.id) as AggregateRow | undefined;
  }

  /** True when any sample of this group or topic is stored (so a vanished one still has a history page). */
  has(kind: 'group-topic' | 'topic', filter: { groupId?: string; topic?: string }): boolean {
    return this.#series.list(kind, filter).length > 0;
  }
}
