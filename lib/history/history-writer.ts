/**
 * Appends one cycle to the history in a single transaction (one fsync per cycle,
 * not per row).
 */
import type { HistoryDatabase } from './database';
import type { AggregateSample, CycleRecord } from './cycle-record';
import { SeriesIds } from './series-ids';

export class HistoryWriter {
  readonly series: SeriesIds;
  readonly #append: (record: CycleRecord) => void;

  constructor(db: HistoryDatabase, clusterId: string) {
    this.series = new SeriesIds(db, clusterId);
    const partition = db.prepare(
      'INSERT OR REPLACE INTO partition_samples (series_id, t, high_watermark, log_start_offset, size_bytes) VALUES (?, ?, ?, ?, ?)',
    );
    const commit = db.prepare(
      'INSERT OR REPLACE INTO commit_samples (series_id, t, committed_offset) VALUES (?, ?, ?)',
    );
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
      for (const p of record.partitions) {
        const id = ids.idOf({ kind: 'partition', topic: p.topic, partition: p.partition });
        partition.run(id, t, p.highWatermark, p.logStartOffset, p.sizeBytes);
      }
      for (const c of record.commits) {
        const id = ids.idOf({ kind: 'group-partition', groupId: c.groupId, topic: c.topic, partition: c.partition });
        commit.run(id, t, c.committedOffset);
      }
      for (const a of record.topics) writeAggregate(ids.idOf({ kind: 'topic', topic: a.topic }), t, a);
      for (const a of record.groupTopics) {
        writeAggregate(ids.idOf({ kind: 'group-topic', groupId: a.groupId, topic: a.topic }), t, a);
      }
      writeAggregate(ids.idOf({ kind: 'cluster' }), t, record.cluster);
    });
  }

  append(record: CycleRecord): void {
    this.#append(record);
  }
}
