/**
 * Reads from the history: aggregate series for charts, and the recent raw samples
 * the collector reloads after a restart so rates, time lag and lag status continue.
 */
import type { HistoryDatabase } from './database';
import { AggregateChunks } from './aggregate-chunks';
import type { AggregateHead } from './aggregate-head';
import type { AggregateRow } from './aggregate-rows';
import { CorruptFrameError } from './byte-codec';
import { decodeFrame, type RawFrame } from './raw-frames';
import { SeriesIds, type SeriesKind } from './series-ids';

export type { AggregateRow };

export interface SeriesRows<Row> {
  groupId: string;
  topic: string;
  partition: number;
  rows: Row[];
}

export interface PartitionRow {
  t: number;
  highWatermark: number;
}

export interface CommitRow {
  t: number;
  committedOffset: number;
  owned?: boolean;
}

/** Which cycles a reload visits: all of the last `fullResolutionMs`, one per `stepMs` before. */
export interface RawFrameThinning {
  fullResolutionMs: number;
  stepMs: number;
}

export interface RawFrameVisit {
  frames: number;
  corrupt: number;
}

/** Stored rows then held ones (newer but for a clock step back), one per t, oldest first. */
function mergeByTime(stored: AggregateRow[], held: AggregateRow[]): AggregateRow[] {
  if (held.length === 0) return stored;
  if (stored.length === 0 || stored[stored.length - 1].t < held[0].t) return [...stored, ...held];
  const byTime = new Map(stored.map((row) => [row.t, row]));
  for (const row of held) byTime.set(row.t, row);
  return [...byTime.values()].sort((a, b) => a.t - b.t);
}

/** The last frame of each step before the full-resolution span, and every frame in it. */
function thinned<F extends { t: number }>(frames: F[], thin: RawFrameThinning): F[] {
  const newest = frames.at(-1)?.t;
  if (newest === undefined) return frames;
  const fullFrom = newest - thin.fullResolutionMs;
  return frames.filter((frame, i) => {
    if (frame.t >= fullFrom) return true;
    const next = frames[i + 1];
    return Math.floor(frame.t / thin.stepMs) !== Math.floor(next.t / thin.stepMs) || next.t >= fullFrom;
  });
}

export class HistoryReader {
  readonly #series: SeriesIds;
  readonly #chunks: AggregateChunks;

  /**
   * With the writer's `head`, reads include the rows not yet sealed into chunks (the last
   * hour or two); without it, only the chunks.
   */
  constructor(
    private readonly db: HistoryDatabase,
    private readonly clusterId: string,
    private readonly head: AggregateHead | null = null,
  ) {
    this.#series = new SeriesIds(db, clusterId);
    this.#chunks = new AggregateChunks(db);
  }

  /** Aggregate rows of every series of `kind` (filtered by group or topic) with fromMs ≤ t ≤ toMs. */
  aggregates(
    kind: Extract<SeriesKind, 'topic' | 'group-topic' | 'cluster'>,
    filter: { groupId?: string; topic?: string },
    fromMs: number,
    toMs: number,
  ): SeriesRows<AggregateRow>[] {
    return this.#series.list(kind, filter).map((s) => {
      const held = this.head?.rowsOf(s.id, fromMs, toMs) ?? [];
      const stored = this.#chunks.rowsOf(s.id, fromMs, toMs);
      return { groupId: s.groupId, topic: s.topic, partition: s.partition, rows: mergeByTime(stored, held) };
    });
  }

  /**
   * Epoch ms of the oldest aggregate sample kept of `kind` (filtered by group or topic), or
   * null when there is none: where a chart's history begins. A few index lookups per series.
   */
  firstSampleMs(
    kind: Extract<SeriesKind, 'topic' | 'group-topic' | 'cluster'>,
    filter: { groupId?: string; topic?: string },
  ): number | null {
    let first: number | null = null;
    for (const s of this.#series.list(kind, filter)) {
      for (const t of [this.#chunks.firstT(s.id), this.head?.first(s.id)?.t ?? null]) {
        if (t !== null && (first === null || t < first)) first = t;
      }
    }
    return first;
  }

  /**
   * Calls `visit` with every stored cycle's raw samples since `sinceMs`, oldest first, one
   * at a time (a restart at 10,000 partitions must not hold hours of samples at once).
   * With `thin`, cycles older than `fullResolutionMs` before the newest are visited only
   * once per `stepMs` (the last of each step): enough for what the analysis remembers.
   * A frame that cannot be decoded is skipped and counted.
   */
  forEachRawFrame(sinceMs: number, visit: (frame: RawFrame) => void, thin?: RawFrameThinning): RawFrameVisit {
    for (const frame of this.#legacyFrames(sinceMs)) visit(frame);
    const stored = this.db
      .prepare('SELECT t, key_t AS "keyT" FROM raw_frames WHERE cluster = ? AND t >= ? ORDER BY t')
      .all(this.clusterId, sinceMs) as { t: number; keyT: number }[];
    const wanted = thin ? thinned(stored, thin) : stored;
    const select = this.db.prepare('SELECT data FROM raw_frames WHERE cluster = ? AND t = ?');
    const load = (t: number) => (select.get(this.clusterId, t) as { data: Buffer } | undefined)?.data;
    let keyframe: RawFrame | null = null;
    let corrupt = 0;
    for (const { t, keyT } of wanted) {
      try {
        if (keyT !== t && keyframe?.t !== keyT) {
          const keyData = load(keyT);
          if (keyData === undefined) throw new CorruptFrameError(`keyframe ${keyT} of frame ${t} is missing`);
          keyframe = decodeFrame(keyData, keyT, null);
        }
        const frame = decodeFrame(load(t)!, t, keyT === t ? null : keyframe);
        if (keyT === t) keyframe = frame;
        visit(frame);
      } catch (error) {
        if (!(error instanceof CorruptFrameError)) throw error;
        corrupt++;
      }
    }
    return { frames: wanted.length - corrupt, corrupt };
  }

  /** Raw partition samples since `sinceMs`, per partition, oldest first. */
  partitionSamples(sinceMs: number): SeriesRows<PartitionRow>[] {
    const series = new Map<string, SeriesRows<PartitionRow>>();
    this.forEachRawFrame(sinceMs, ({ t, partitions }) => {
      for (const { topic, partition, highWatermark } of partitions) {
        const key = `${topic}\u0000${partition}`;
        const entry = series.get(key) ?? { groupId: '', topic, partition, rows: [] };
        series.set(key, entry);
        entry.rows.push({ t, highWatermark });
      }
    });
    return [...series.values()];
  }

  /** Raw committed offsets since `sinceMs`, per group and partition, oldest first. */
  commitSamples(sinceMs: number): SeriesRows<CommitRow>[] {
    const series = new Map<string, SeriesRows<CommitRow>>();
    this.forEachRawFrame(sinceMs, ({ t, commits }) => {
      for (const { groupId, topic, partition, committedOffset, owned } of commits) {
        const key = `${groupId}\u0000${topic}\u0000${partition}`;
        const entry = series.get(key) ?? { groupId, topic, partition, rows: [] };
        series.set(key, entry);
        entry.rows.push({ t, committedOffset, owned });
      }
    });
    return [...series.values()];
  }

  /**
   * The raw samples an older version stored a row each (partition_samples, commit_samples),
   * as frames: reloaded after an upgrade until compaction has emptied those tables.
   */
  #legacyFrames(sinceMs: number): RawFrame[] {
    const frames = new Map<number, RawFrame>();
    const frameAt = (t: number) => {
      const frame = frames.get(t) ?? { t, partitions: [], commits: [] };
      frames.set(t, frame);
      return frame;
    };
    const partitions = this.db.prepare(
      'SELECT t, high_watermark AS "highWatermark" FROM partition_samples WHERE series_id = ? AND t >= ?',
    );
    for (const s of this.#series.list('partition')) {
      for (const row of partitions.all(s.id, sinceMs) as PartitionRow[]) {
        const { t, ...values } = row;
        frameAt(t).partitions.push({ topic: s.topic, partition: s.partition, ...values });
      }
    }
    const commits = this.db.prepare(
      'SELECT t, committed_offset AS "committedOffset" FROM commit_samples WHERE series_id = ? AND t >= ?',
    );
    for (const s of this.#series.list('group-partition')) {
      for (const { t, committedOffset } of commits.all(s.id, sinceMs) as CommitRow[]) {
        // Membership was not stored: only offset changes count as commits.
        frameAt(t).commits.push({
          groupId: s.groupId,
          topic: s.topic,
          partition: s.partition,
          committedOffset,
          owned: false,
        });
      }
    }
    return [...frames.values()].sort((a, b) => a.t - b.t);
  }

  /** The newest cluster aggregate, if any. */
  latestClusterRow(): AggregateRow | undefined {
    const series = this.#series.list('cluster')[0];
    if (!series) return undefined;
    return this.head?.latest(series.id) ?? this.#chunks.latest(series.id);
  }

  /** True when any sample of this group or topic is stored (so a vanished one still has a history page). */
  has(kind: 'group-topic' | 'topic', filter: { groupId?: string; topic?: string }): boolean {
    return this.#series.list(kind, filter).length > 0;
  }
}
