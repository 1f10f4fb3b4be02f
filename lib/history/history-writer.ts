/**
 * Appends one cycle to the history in a single transaction (one fsync per cycle,
 * not per row): the raw samples as one compressed frame, the aggregates as rows.
 */
import type { HistoryDatabase } from './database';
import type { AggregateSample, CycleRecord } from './cycle-record';
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
  readonly #append: (record: CycleRecord) => AppendStats & { raw: RawFrame };
  /** The frame the next ones are written against; null until the first write after a start. */
  #keyframe: RawFrame | null = null;

  constructor(db: HistoryDatabase, clusterId: string) {
    this.series = new SeriesIds(db, clusterId);
    const frame = db.prepare('INSERT OR REPLACE INTO raw_frames (cluster, t, key_t, data) VALUES (?, ?, ?, ?)');
    const aggregate = db.prepare(
      `INSERT OR REPLACE INTO aggregate_samples
       (series_id, t, partition_count, end_offset_sum, start_offset_sum, committed_sum, size_bytes, lag, max_time_lag_seconds, flags)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const writeAggregate = (id: number, t: number, a: AggregateSample) =>
      aggregate.run(
        id,
        t,
        a.partitionCount,
        a.endOffsetSum,
        a.startOffsetSum,
        a.committedSum,
        a.sizeBytes,
        a.lag,
        a.maxTimeLagSeconds,
        a.flags,
      );
    const ids = this.series;
    this.#append = db.transaction((record: CycleRecord) => {
      const { t } = record;
      const raw: RawFrame = { t, partitions: record.partitions, commits: record.commits };
      const { data, keyframe } = encodeFrame(raw, this.#keyframe);
      frame.run(clusterId, t, keyframe ? t : this.#keyframe!.t, data);
      for (const a of record.topics) writeAggregate(ids.idOf({ kind: 'topic', topic: a.topic }), t, a);
      for (const a of record.groupTopics) {
        writeAggregate(ids.idOf({ kind: 'group-topic', groupId: a.groupId, topic: a.topic }), t, a);
      }
      writeAggregate(ids.idOf({ kind: 'cluster' }), t, record.cluster);
      return { rows: record.topics.length + record.groupTopics.length + 2, frameBytes: data.length, keyframe, raw };
    });
  }

  append(record: CycleRecord): AppendStats {
    const { raw, ...stats } = this.#append(record);
    // Only once committed: later frames must never be written against one that is not stored.
    if (stats.keyframe) this.#keyframe = raw;
    return stats;
  }
}
