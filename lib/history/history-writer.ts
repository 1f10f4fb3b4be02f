/**
 * Appends one cycle to the history in a single transaction (one fsync per cycle,
 * not per row): the raw samples as one compressed frame, the aggregates as rows, or,
 * with an AggregateBuffer, as one compressed row moved into the aggregate rows a few
 * minutes later by `flush` (see aggregate-buffer.ts for why).
 */
import {
  AggregateBuffer,
  decodeCycleAggregates,
  encodeCycleAggregates,
  type CycleAggregates,
} from './aggregate-buffer';
import type { HistoryDatabase } from './database';
import type { CycleRecord } from './cycle-record';
import { encodeFrame, type RawFrame } from './raw-frames';
import { SeriesIds } from './series-ids';

export interface AppendStats {
  /** Aggregate rows plus the one frame. */
  rows: number;
  /** Compressed size of the cycle's raw frame. */
  frameBytes: number;
  keyframe: boolean;
}

export class HistoryWriter {
  readonly series: SeriesIds;
  readonly #append: (record: CycleRecord) => AppendStats & { raw: RawFrame; aggregates: CycleAggregates };
  readonly #flush: () => number;
  /** The frame the next ones are written against; null until the first write after a start. */
  #keyframe: RawFrame | null = null;

  /** With a `buffer`, aggregates wait there (and in pending_aggregates) until `flush`. */
  constructor(
    db: HistoryDatabase,
    clusterId: string,
    private readonly buffer: AggregateBuffer | null = null,
  ) {
    this.series = new SeriesIds(db, clusterId);
    const frame = db.prepare('INSERT OR REPLACE INTO raw_frames (cluster, t, key_t, data) VALUES (?, ?, ?, ?)');
    const pending = db.prepare('INSERT OR REPLACE INTO pending_aggregates (cluster, t, data) VALUES (?, ?, ?)');
    const aggregate = db.prepare(
      `INSERT OR REPLACE INTO aggregate_samples
       (series_id, t, partition_count, end_offset_sum, start_offset_sum, committed_sum, size_bytes, lag, max_time_lag_seconds, flags)
       VALUES (@id, @t, @partitionCount, @endOffsetSum, @startOffsetSum, @committedSum, @sizeBytes, @lag, @maxTimeLagSeconds, @flags)`,
    );
    const ids = this.series;
    this.#append = db.transaction((record: CycleRecord) => {
      const { t } = record;
      const raw: RawFrame = { t, partitions: record.partitions, commits: record.commits };
      const { data, keyframe } = encodeFrame(raw, this.#keyframe);
      frame.run(clusterId, t, keyframe ? t : this.#keyframe!.t, data);
      const aggregates: CycleAggregates = [
        ...record.topics.map((a) => [ids.idOf({ kind: 'topic', topic: a.topic }), a] as CycleAggregates[number]),
        ...record.groupTopics.map(
          (a) => [ids.idOf({ kind: 'group-topic', groupId: a.groupId, topic: a.topic }), a] as CycleAggregates[number],
        ),
        [ids.idOf({ kind: 'cluster' }), record.cluster],
      ];
      if (this.buffer) pending.run(clusterId, t, encodeCycleAggregates(aggregates));
      else for (const [id, a] of aggregates) aggregate.run({ ...pick(a), id, t });
      return { rows: aggregates.length + 1, frameBytes: data.length, keyframe, raw, aggregates };
    });
    const clearPending = db.prepare('DELETE FROM pending_aggregates WHERE cluster = ? AND t <= ?');
    this.#flush = db.transaction(() => {
      let rows = 0;
      let newest = -Infinity;
      for (const [id, series] of this.buffer?.entries() ?? []) {
        for (const row of series) {
          aggregate.run({ ...pick(row), id, t: row.t });
          newest = Math.max(newest, row.t);
          rows++;
        }
      }
      if (rows > 0) clearPending.run(clusterId, newest);
      return rows;
    });
    if (buffer) {
      // Cycles a previous run stored but had not moved (it stopped without a flush).
      const stored = db
        .prepare('SELECT t, data FROM pending_aggregates WHERE cluster = ? ORDER BY t')
        .all(clusterId) as {
        t: number;
        data: Buffer;
      }[];
      for (const { t, data } of stored) buffer.add(t, decodeCycleAggregates(data));
    }
  }

  append(record: CycleRecord): AppendStats {
    const { raw, aggregates, ...stats } = this.#append(record);
    // Only once committed: later frames must never be written against one that is not stored.
    if (stats.keyframe) this.#keyframe = raw;
    this.buffer?.add(record.t, aggregates);
    return stats;
  }

  /** Moves the buffered aggregates into aggregate_samples in one transaction; returns the rows moved. */
  flush(): number {
    const rows = this.#flush();
    this.buffer?.clear();
    return rows;
  }
}

function pick(a: CycleAggregates[number][1]) {
  return {
    partitionCount: a.partitionCount,
    endOffsetSum: a.endOffsetSum,
    startOffsetSum: a.startOffsetSum,
    committedSum: a.committedSum,
    sizeBytes: a.sizeBytes,
    lag: a.lag,
    maxTimeLagSeconds: a.maxTimeLagSeconds,
    flags: a.flags,
  };
}
