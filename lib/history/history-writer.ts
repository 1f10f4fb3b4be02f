/**
 * Appends one cycle to the history in a single transaction (one fsync per cycle, not per
 * row): its aggregates as one compressed pending row and into the in-memory head
 * (aggregate-head.ts), and, when asked, its raw samples as one compressed frame. A seal
 * moves the head's older rows, thinned, into chunks (aggregate-chunks.ts).
 */
import { AggregateChunks } from './aggregate-chunks';
import { HOUR_MS } from './aggregate-chunks';
import {
  AggregateHead,
  decodeCycleAggregates,
  encodeCycleAggregates,
  type CycleAggregates,
  type PendingCycle,
} from './aggregate-head';
import { CorruptFrameError } from './byte-codec';
import type { HistoryDatabase } from './database';
import type { CycleRecord } from './cycle-record';
import type { SqlStatement } from './sql-database';
import { encodeFrame, type RawFrame } from './raw-frames';
import { SeriesIds } from './series-ids';

export interface AppendStats {
  /** Aggregate rows, plus one when the raw frame was written. */
  rows: number;
  /** Compressed size of the cycle's raw frame; 0 when it was not written. */
  frameBytes: number;
  /** Compressed size of the cycle's pending aggregates. */
  pendingBytes: number;
}

export class HistoryWriter {
  readonly series: SeriesIds;
  /** Every series' rows since the last seal: what charts of the last hour read. */
  readonly head = new AggregateHead();
  readonly chunks: AggregateChunks;
  readonly #append: (record: CycleRecord, withFrame: boolean) => AppendStats & { aggregates: CycleAggregates };
  readonly #frame;
  readonly #seal: (cutoff: number, blockMs: number, stepMs: number) => { rows: number; commit: () => void };
  /** The frame the next ones are written against; null until the first write after a start. */
  #keyframe: RawFrame | null = null;
  /** Pending cycles of an earlier run that could not be read. */
  readonly corruptPending: number;
  /**
   * The last pending cycle stored, which the next one's rows are written against while both
   * are in the same hour: a seal removes pending cycles a whole hour at a time, so no cycle
   * outlives the one it was written against.
   */
  #lastPending: PendingCycle | null = null;

  constructor(
    db: HistoryDatabase,
    private readonly clusterId: string,
  ) {
    this.series = new SeriesIds(db, clusterId);
    this.chunks = new AggregateChunks(db);
    this.#frame = db.prepare(`INSERT INTO raw_frames (cluster, t, key_t, data) VALUES (?, ?, ?, ?)
       ON CONFLICT (cluster, t) DO UPDATE SET key_t = excluded.key_t, data = excluded.data`);
    const pending = db.prepare(`INSERT INTO pending_aggregates (cluster, t, data) VALUES (?, ?, ?)
       ON CONFLICT (cluster, t) DO UPDATE SET data = excluded.data`);
    const ids = this.series;
    this.#append = db.transaction((record: CycleRecord, withFrame: boolean) => {
      const { t } = record;
      const frameBytes = withFrame
        ? this.#writeFrame({ t, partitions: record.partitions, commits: record.commits })
        : 0;
      const aggregates: CycleAggregates = [
        ...record.topics.map((a) => [ids.idOf({ kind: 'topic', topic: a.topic }), a] as CycleAggregates[number]),
        ...record.groupTopics.map(
          (a) => [ids.idOf({ kind: 'group-topic', groupId: a.groupId, topic: a.topic }), a] as CycleAggregates[number],
        ),
        [ids.idOf({ kind: 'cluster' }), record.cluster],
      ];
      const last = this.#lastPending;
      const base = last && last.t < t && Math.floor(last.t / HOUR_MS) === Math.floor(t / HOUR_MS) ? last : null;
      const data = encodeCycleAggregates(t, aggregates, base);
      pending.run(clusterId, t, data);
      return { rows: aggregates.length + (withFrame ? 1 : 0), frameBytes, pendingBytes: data.length, aggregates };
    });
    const clearPending = db.prepare('DELETE FROM pending_aggregates WHERE cluster = ? AND t < ?');
    this.#seal = db.transaction((cutoff: number, blockMs: number, stepMs: number) => {
      const { taken, commit } = this.head.before(cutoff);
      let rows = 0;
      for (const [id, series] of taken) {
        this.chunks.store(id, series, blockMs, stepMs);
        rows += series.length;
      }
      clearPending.run(clusterId, cutoff);
      return { rows, commit };
    });
    // Cycles stored since the last seal: the head of a run that stopped.
    this.#selectPending = db.prepare('SELECT t, data FROM pending_aggregates WHERE cluster = ? AND t > ? ORDER BY t');
    this.#oldestPending = db.prepare('SELECT min(t) AS t FROM pending_aggregates WHERE cluster = ?').pluck();
    this.corruptPending = this.#loadPending();
  }

  readonly #selectPending: SqlStatement<[string, number], { t: number; data: Buffer }>;
  readonly #oldestPending: SqlStatement<[string], unknown>;
  /** The newest pending cycle in the head, and the few before it (what the next ones were written against). */
  #loadedT = Number.MIN_SAFE_INTEGER;
  readonly #recent = new Map<number, PendingCycle>();

  /** Adds the pending cycles newer than the head's to it; returns how many could not be read. */
  #loadPending(): number {
    let corrupt = 0;
    for (const { t, data } of this.#selectPending.all(this.clusterId, this.#loadedT)) {
      this.#loadedT = t;
      try {
        // The cycle each was written against is the one written before it: the last one read, or
        // one of the few before it after a clock stepped back.
        const rows = decodeCycleAggregates(data, (baseT) => this.#recent.get(baseT));
        this.head.add(t, rows);
        this.#recent.set(t, { t, rows: new Map(rows.map(([id, sample]) => [id, { ...sample, t }])) });
        if (this.#recent.size > 8) this.#recent.delete(this.#recent.keys().next().value!);
      } catch (error) {
        if (!(error instanceof CorruptFrameError)) throw error;
        corrupt++;
      }
    }
    return corrupt;
  }

  /**
   * For a replica that reads a history another one writes: takes the cycles written since
   * the last call into the head, and lets go of those the writer has sealed into chunks
   * (their pending rows are gone), where the reader now finds them.
   */
  follow(): void {
    this.#loadPending();
    const oldest = this.#oldestPending.get(this.clusterId) as number | null | undefined;
    const cutoff = oldest ?? this.#loadedT + 1;
    if (this.head.oldestT !== null && this.head.oldestT < cutoff) this.head.before(cutoff).commit();
  }

  #writeFrame(raw: RawFrame): number {
    const { data, keyframe } = encodeFrame(raw, this.#keyframe);
    this.#frame.run(this.clusterId, raw.t, keyframe ? raw.t : this.#keyframe!.t, data);
    // Later frames are written against a keyframe only once it is committed (see append).
    if (keyframe) this.#pendingKeyframe = raw;
    return data.length;
  }

  /** A keyframe written in the current transaction, not yet committed. */
  #pendingKeyframe: RawFrame | null = null;

  /** Appends a cycle; its raw frame too unless `withFrame` is false (see ClusterHistory). */
  append(record: CycleRecord, withFrame = true): AppendStats {
    this.#pendingKeyframe = null;
    const { aggregates, ...stats } = this.#append(record, withFrame);
    if (this.#pendingKeyframe) this.#keyframe = this.#pendingKeyframe;
    this.head.add(record.t, aggregates);
    this.#lastPending = {
      t: record.t,
      rows: new Map(aggregates.map(([id, sample]) => [id, { ...sample, t: record.t }])),
    };
    return stats;
  }

  /** Writes one raw frame on its own (the last cycle's, before a stop). Returns its bytes. */
  writeFrame(raw: RawFrame): number {
    this.#pendingKeyframe = null;
    const bytes = this.#writeFrame(raw);
    if (this.#pendingKeyframe) this.#keyframe = this.#pendingKeyframe;
    return bytes;
  }

  /**
   * Moves the head's rows older than `cutoff` into chunks of `blockMs`, thinned to one per
   * `stepMs`, and drops their pending cycles, in one transaction. Returns the rows moved.
   */
  seal(cutoff: number, blockMs: number, stepMs: number): number {
    const { rows, commit } = this.#seal(cutoff, blockMs, stepMs);
    // The head lets go of the rows only once the transaction that stored them committed.
    commit();
    return rows;
  }
}
