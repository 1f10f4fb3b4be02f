/**
 * What the analysis needs to remember between cycles of one cluster: recent
 * samples per partition (rates), each partition's (high watermark, time) table
 * (estimated time lag), and each group-partition's commit window (lag status).
 * Reloaded from the history after a restart, so nothing starts from zero.
 */
import { OffsetTable } from '../analysis/offset-table';
import { recordCommit, type CommitObservation } from '../analysis/lag-status';
import { ownedPartitions, partitionKey } from './partition-key';
import type { RawFrame } from '../history/raw-frames';
import type { ClusterSnapshot } from './snapshot';
import { runAll, type Steps } from './slices';

/** Partitions recorded between two points where `observeSteps` may pause. */
const PER_STEP = 500;

/** A partition's end offset at a cycle: what its produce rate is taken from. */
export interface PartitionSamplePoint {
  t: number;
  highWatermark: number;
}

export interface PartitionMemory {
  samples: PartitionSamplePoint[];
  offsetTable: OffsetTable;
  lastSeenAt: number;
}

export interface CommitMemory {
  samples: { t: number; value: number }[];
  window: CommitObservation[];
  lastSeenAt: number;
}

export interface MemoryOptions {
  /** Samples kept for rates. */
  rateWindowMs: number;
  /** Points kept per partition for the time lag estimator. */
  offsetTablePoints: number;
  /** Commits kept per group-partition for lag status. */
  statusWindowSize: number;
  /** Partitions and groups unseen for this long are forgotten (their history stays on disk). */
  forgetAfterMs: number;
}

export const groupPartitionKey = (groupId: string, topic: string, partition: number) =>
  `${groupId}\u0000${partitionKey(topic, partition)}`;

export class ClusterMemory {
  readonly partitions = new Map<string, PartitionMemory>();
  readonly commits = new Map<string, CommitMemory>();
  /**
   * Messages produced to the cluster since this count started: the sum of each
   * partition's high watermark increase between cycles. Unlike a sum of high
   * watermarks it does not jump when topics are created or deleted, so the cluster's
   * produce rate history has no gaps from topic churn.
   */
  producedTotal = 0;

  constructor(readonly options: MemoryOptions) {}

  /**
   * Keys already made, by topic and partition and by group: a restart's reload replays
   * hundreds of cycles of every partition, and building each key string anew was most of it.
   */
  readonly #partitionKeys = new Map<string, Map<number, string>>();
  readonly #groupPartitionKeys = new Map<string, Map<string, string>>();

  #partitionKey(topic: string, partition: number): string {
    let byPartition = this.#partitionKeys.get(topic);
    if (!byPartition) this.#partitionKeys.set(topic, (byPartition = new Map()));
    let key = byPartition.get(partition);
    if (key === undefined) byPartition.set(partition, (key = partitionKey(topic, partition)));
    return key;
  }

  #groupPartitionKey(groupId: string, topic: string, partition: number, key: string): string {
    let byPartition = this.#groupPartitionKeys.get(groupId);
    if (!byPartition) this.#groupPartitionKeys.set(groupId, (byPartition = new Map()));
    let groupKey = byPartition.get(key);
    if (groupKey === undefined) byPartition.set(key, (groupKey = groupPartitionKey(groupId, topic, partition)));
    return groupKey;
  }

  /** Adds one partition sample (from a cycle, or from the history on start-up). */
  addPartitionSample(topic: string, partition: number, sample: PartitionSamplePoint): void {
    this.#addPartitionSample(partitionKey(topic, partition), sample);
  }

  #addPartitionSample(key: string, sample: PartitionSamplePoint): void {
    const memory = this.partitions.get(key) ?? {
      samples: [],
      offsetTable: new OffsetTable(this.options.offsetTablePoints),
      lastSeenAt: sample.t,
    };
    const last = memory.samples.at(-1);
    if (last && last.t >= sample.t) return;
    memory.samples.push(sample);
    const keepFrom = sample.t - this.options.rateWindowMs * 2;
    while (memory.samples.length > 2 && memory.samples[0].t < keepFrom) memory.samples.shift();
    memory.offsetTable.add(sample.highWatermark, sample.t);
    memory.lastSeenAt = sample.t;
    this.partitions.set(key, memory);
  }

  /** Adds one committed offset; `consumerActive` when a live member owns the partition. */
  addCommit(
    groupId: string,
    topic: string,
    partition: number,
    observation: CommitObservation,
    consumerActive: boolean,
  ): void {
    this.#addCommit(groupPartitionKey(groupId, topic, partition), observation, consumerActive);
  }

  #addCommit(key: string, observation: CommitObservation, consumerActive: boolean): void {
    const memory = this.commits.get(key) ?? { samples: [], window: [], lastSeenAt: observation.t };
    const last = memory.samples.at(-1);
    if (last && last.t >= observation.t) return;
    memory.samples.push({ t: observation.t, value: observation.offset });
    const keepFrom = observation.t - this.options.rateWindowMs * 2;
    while (memory.samples.length > 2 && memory.samples[0].t < keepFrom) memory.samples.shift();
    memory.window = recordCommit(memory.window, observation, consumerActive, this.options.statusWindowSize);
    memory.lastSeenAt = observation.t;
    this.commits.set(key, memory);
  }

  /**
   * Replays a stored cycle (from the history, on start-up): its samples and commits, as
   * `observe` recorded them, but not its produced messages (the total is stored apart).
   */
  replay(frame: RawFrame): void {
    const ends = new Map<string, number>();
    for (const p of frame.partitions) {
      const key = this.#partitionKey(p.topic, p.partition);
      ends.set(key, p.highWatermark);
      this.#addPartitionSample(key, { t: frame.t, highWatermark: p.highWatermark });
    }
    for (const c of frame.commits) {
      const key = this.#partitionKey(c.topic, c.partition);
      const end = ends.get(key);
      if (end === undefined) continue;
      const observation = { offset: c.committedOffset, lag: Math.max(0, end - c.committedOffset), t: frame.t };
      this.#addCommit(this.#groupPartitionKey(c.groupId, c.topic, c.partition, key), observation, c.owned);
    }
  }

  /** Records a cycle's offsets and commits. */
  observe(snapshot: ClusterSnapshot): void {
    runAll(this.observeSteps(snapshot));
  }

  /** `observe` as steps the collector runs in slices (slices.ts). */
  *observeSteps(snapshot: ClusterSnapshot): Steps<void> {
    const t = snapshot.collectedAt;
    const ends = new Map<string, number>();
    for (const [i, o] of snapshot.offsets.entries()) {
      if (i % PER_STEP === 0) yield;
      const key = this.#partitionKey(o.topic, o.partition);
      ends.set(key, o.highWatermark);
      const previous = this.partitions.get(key)?.samples.at(-1);
      // A lower high watermark is a recreated topic: its new messages count from the next cycle.
      if (previous && previous.t < t) this.producedTotal += Math.max(0, o.highWatermark - previous.highWatermark);
      this.#addPartitionSample(key, { t, highWatermark: o.highWatermark });
    }
    for (const group of snapshot.groups) {
      yield;
      const owned = ownedPartitions(group);
      for (const c of group.offsets) {
        const key = this.#partitionKey(c.topic, c.partition);
        const end = ends.get(key);
        if (end === undefined) continue; // partition offline: no lag to record this cycle
        const observation = { offset: c.offset, lag: Math.max(0, end - c.offset), t };
        const groupKey = this.#groupPartitionKey(group.groupId, c.topic, c.partition, key);
        this.#addCommit(groupKey, observation, owned.has(key));
      }
    }
    yield;
    this.#forget(t - this.options.forgetAfterMs);
  }

  #forget(before: number): void {
    const count = this.partitions.size + this.commits.size;
    for (const [key, memory] of this.partitions) if (memory.lastSeenAt < before) this.partitions.delete(key);
    for (const [key, memory] of this.commits) if (memory.lastSeenAt < before) this.commits.delete(key);
    // Keys of what is forgotten go too (topics and groups come and go); the rest are made again.
    if (this.partitions.size + this.commits.size < count) {
      this.#partitionKeys.clear();
      this.#groupPartitionKeys.clear();
    }
  }
}
