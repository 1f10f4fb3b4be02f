/**
 * The raw samples of one cycle (every partition's end offset, every group's committed
 * offsets) as one compressed frame, instead of one database row per partition and cycle.
 *
 * Only the collector reads them back, to carry its memory (rates, estimated time lag, lag
 * status) over a restart, so they hold what that memory keeps and are kept for hours, not
 * the week charts cover (sizes and log start offsets are in the aggregates). At 10,000
 * partitions and 24,000 committed offsets a row per sample wrote about 36,000 rows per
 * cycle; a frame is one row. Frames of format 1 also held each partition's log start
 * offset and size: they are still read, those values dropped.
 *
 * A keyframe holds every value, with the topic and group names once each. The frames after it
 * hold, for each of the keyframe's partitions and commits in its order, whether it was read
 * and how far each value moved since the keyframe (a varint: mostly one or two bytes, and runs
 * of unchanged values that deflate squeezes to almost nothing), then, by name, what the
 * keyframe did not have. Any frame decodes from itself and its keyframe alone, so a reader
 * can skip frames it does not need.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ByteReader, ByteWriter, CorruptFrameError } from './byte-codec';
import type { CommitSample, PartitionSample } from './cycle-record';

/** What a frame keeps of a partition. */
export type RawPartition = Pick<PartitionSample, 'topic' | 'partition' | 'highWatermark'>;

export interface RawFrame {
  /** Collection time, epoch ms. */
  t: number;
  partitions: RawPartition[];
  commits: CommitSample[];
}

/** A new keyframe at least this often, so the moves stay small and a reader's start is near. */
export const KEYFRAME_EVERY_MS = 10 * 60_000;

const FORMAT_VERSION = 2;
/** Format 1 held each partition's log start offset and size after its end offset. */
const FORMAT_WITH_SIZES = 1;
const KIND_KEY = 0;
const KIND_DELTA = 1;
/** Deflate level: 6 costs 2-3 times the CPU of 1 for a few percent on data this repetitive. */
const DEFLATE_LEVEL = 1;

const partitionId = (p: Pick<RawPartition, 'topic' | 'partition'>) => `${p.topic}\u0000${p.partition}`;
const commitId = (c: Pick<CommitSample, 'groupId' | 'topic' | 'partition'>) =>
  `${c.groupId}\u0000${c.topic}\u0000${c.partition}`;

export interface EncodedFrame {
  data: Buffer;
  /** Written as a keyframe: the frames after it may be written against it. */
  keyframe: boolean;
}

/**
 * `frame` compressed, against `keyframe` where that is worth it. It becomes a keyframe
 * itself when there is none, the keyframe is 10 minutes old, time went backwards, or more
 * than a quarter of its entries are new since the keyframe (written by name, they would
 * soon cost more than a fresh keyframe).
 */
export function encodeFrame(frame: RawFrame, keyframe: RawFrame | null): EncodedFrame {
  const fresh = keyframe === null || frame.t < keyframe.t || frame.t - keyframe.t >= KEYFRAME_EVERY_MS;
  if (!fresh) {
    const out = new ByteWriter();
    out.unsigned(FORMAT_VERSION);
    const added = writeDelta(out, frame, keyframe);
    if (added <= (frame.partitions.length + frame.commits.length) / 4) {
      return { data: deflateRawSync(out.bytes(), { level: DEFLATE_LEVEL }), keyframe: false };
    }
  }
  const out = new ByteWriter();
  out.unsigned(FORMAT_VERSION);
  writeKeyframe(out, frame);
  return { data: deflateRawSync(out.bytes(), { level: DEFLATE_LEVEL }), keyframe: true };
}

/** The frame `data` encodes, at time `t`; a frame written against a keyframe needs that keyframe. */
export function decodeFrame(data: Buffer, t: number, keyframe: RawFrame | null): RawFrame {
  let input: ByteReader;
  try {
    input = new ByteReader(inflateRawSync(data));
  } catch (error) {
    throw new CorruptFrameError(`frame at ${t} does not inflate: ${(error as Error).message}`);
  }
  const version = input.unsigned();
  if (version !== FORMAT_VERSION && version !== FORMAT_WITH_SIZES) {
    throw new CorruptFrameError(`frame at ${t} has format ${version}`);
  }
  const sizes = version === FORMAT_WITH_SIZES;
  const kind = input.unsigned();
  if (kind === KIND_KEY) return readKeyframe(input, t, sizes);
  if (kind !== KIND_DELTA) throw new CorruptFrameError(`frame at ${t} has kind ${kind}`);
  if (keyframe === null) throw new CorruptFrameError(`frame at ${t} needs its keyframe`);
  return readDelta(input, t, keyframe, sizes);
}

/** Names in order of first use, each written once; entries refer to them by index. */
function dictionary(names: Iterable<string>): Map<string, number> {
  const index = new Map<string, number>();
  for (const name of names) if (!index.has(name)) index.set(name, index.size);
  return index;
}

function writeKeyframe(out: ByteWriter, frame: RawFrame): void {
  out.unsigned(KIND_KEY);
  const topics = dictionary([...frame.partitions.map((p) => p.topic), ...frame.commits.map((c) => c.topic)]);
  const groups = dictionary(frame.commits.map((c) => c.groupId));
  for (const names of [topics, groups]) {
    out.unsigned(names.size);
    for (const name of names.keys()) out.string(name);
  }
  out.unsigned(frame.partitions.length);
  for (const p of frame.partitions) {
    out.unsigned(topics.get(p.topic)!);
    out.unsigned(p.partition);
    out.signed(p.highWatermark);
  }
  out.unsigned(frame.commits.length);
  for (const c of frame.commits) {
    out.unsigned(groups.get(c.groupId)!);
    out.unsigned(topics.get(c.topic)!);
    out.unsigned(c.partition);
    out.signed(c.committedOffset);
    out.unsigned(c.owned ? 1 : 0);
  }
}

/** Reads and drops a format-1 partition's log start offset and size. */
function skipSizes(input: ByteReader, sizes: boolean): void {
  if (!sizes) return;
  input.signed();
  input.optionalSigned();
}

function readKeyframe(input: ByteReader, t: number, sizes: boolean): RawFrame {
  const [topics, groups] = [0, 1].map(() => Array.from({ length: input.unsigned() }, () => input.string()));
  const name = (names: string[], index: number) => {
    const value = names[index];
    if (value === undefined) throw new CorruptFrameError(`frame at ${t} names entry ${index} of ${names.length}`);
    return value;
  };
  const partitions = Array.from({ length: input.unsigned() }, () => {
    const p = { topic: name(topics, input.unsigned()), partition: input.unsigned(), highWatermark: input.signed() };
    skipSizes(input, sizes);
    return p;
  });
  const commits = Array.from({ length: input.unsigned() }, () => ({
    groupId: name(groups, input.unsigned()),
    topic: name(topics, input.unsigned()),
    partition: input.unsigned(),
    committedOffset: input.signed(),
    owned: input.unsigned() === 1,
  }));
  if (!input.done) throw new CorruptFrameError(`frame at ${t} has bytes after its end`);
  return { t, partitions, commits };
}

/** Absent (not read this cycle, or gone), present, or present and owned by a live member. */
const ABSENT = 0;
const PRESENT = 1;
const OWNED = 2;

/**
 * Pairs each of the keyframe's entries with the frame's entry of the same id, walking both in
 * order (a cycle lists partitions and groups as the one before did, so the map is rarely
 * built), and says which of the frame's entries the keyframe did not have.
 */
function pairWithKeyframe<T>(base: T[], current: T[], id: (entry: T) => string, same: (a: T, b: T) => boolean) {
  const paired: (T | undefined)[] = new Array(base.length);
  const used = new Uint8Array(current.length);
  let byId: Map<string, number> | null = null;
  let next = 0;
  for (let i = 0; i < base.length; i++) {
    let at: number;
    if (next < current.length && same(base[i], current[next])) at = next;
    else {
      byId ??= new Map(current.map((entry, index) => [id(entry), index]));
      at = byId.get(id(base[i])) ?? -1;
    }
    if (at >= 0 && used[at] === 0) {
      used[at] = 1;
      paired[i] = current[at];
      next = at + 1;
    }
  }
  return { paired, added: current.filter((_, i) => used[i] === 0) };
}

const samePartition = (a: RawPartition, b: RawPartition) => a.partition === b.partition && a.topic === b.topic;
const sameCommit = (a: CommitSample, b: CommitSample) =>
  a.partition === b.partition && a.topic === b.topic && a.groupId === b.groupId;

/** Writes `frame` against `keyframe`; returns how many entries it had to add by name. */
function writeDelta(out: ByteWriter, frame: RawFrame, keyframe: RawFrame): number {
  out.unsigned(KIND_DELTA);
  const partitions = pairWithKeyframe(keyframe.partitions, frame.partitions, partitionId, samePartition);
  keyframe.partitions.forEach((base, i) => {
    const p = partitions.paired[i];
    if (p === undefined) {
      out.unsigned(ABSENT);
      return;
    }
    out.unsigned(PRESENT);
    out.signed(p.highWatermark - base.highWatermark);
  });
  // What the keyframe did not have, by name.
  out.unsigned(partitions.added.length);
  for (const p of partitions.added) {
    out.string(p.topic);
    out.unsigned(p.partition);
    out.signed(p.highWatermark);
  }
  const commits = pairWithKeyframe(keyframe.commits, frame.commits, commitId, sameCommit);
  keyframe.commits.forEach((base, i) => {
    const c = commits.paired[i];
    if (c === undefined) {
      out.unsigned(ABSENT);
      return;
    }
    out.unsigned(c.owned ? OWNED : PRESENT);
    out.signed(c.committedOffset - base.committedOffset);
  });
  out.unsigned(commits.added.length);
  for (const c of commits.added) {
    out.string(c.groupId);
    out.string(c.topic);
    out.unsigned(c.partition);
    out.signed(c.committedOffset);
    out.unsigned(c.owned ? 1 : 0);
  }
  return partitions.added.length + commits.added.length;
}

function readDelta(input: ByteReader, t: number, keyframe: RawFrame, sizes: boolean): RawFrame {
  const partitions: RawPartition[] = [];
  for (const base of keyframe.partitions) {
    if (input.unsigned() === ABSENT) continue;
    const highWatermark = base.highWatermark + input.signed();
    skipSizes(input, sizes);
    partitions.push({ topic: base.topic, partition: base.partition, highWatermark });
  }
  const addedPartitions = input.unsigned();
  for (let i = 0; i < addedPartitions; i++) {
    const p = { topic: input.string(), partition: input.unsigned(), highWatermark: input.signed() };
    skipSizes(input, sizes);
    partitions.push(p);
  }
  const commits: CommitSample[] = [];
  for (const base of keyframe.commits) {
    const state = input.unsigned();
    if (state === ABSENT) continue;
    const committedOffset = base.committedOffset + input.signed();
    commits.push({
      groupId: base.groupId,
      topic: base.topic,
      partition: base.partition,
      committedOffset,
      owned: state === OWNED,
    });
  }
  const addedCommits = input.unsigned();
  for (let i = 0; i < addedCommits; i++) {
    commits.push({
      groupId: input.string(),
      topic: input.string(),
      partition: input.unsigned(),
      committedOffset: input.signed(),
      owned: input.unsigned() === 1,
    });
  }
  if (!input.done) throw new CorruptFrameError(`frame at ${t} has bytes after its end`);
  return { t, partitions, commits };
}
