/**
 * A cluster's traffic over simulated time, for bench:storage: what each cycle would append
 * to the history, without Kafka, so a week of 10-second cycles takes minutes.
 *
 * Every busy partition has its own steady rate (1 to ~400 messages/s, most near the low
 * end, as real topics are) with ±20 % noise per cycle; every group commits each cycle a few
 * seconds behind; retention deletes an hour's worth from a partition once it holds two
 * days. Deterministic for a given seed, so runs compare.
 */
import { emptyAggregate, type AggregateSample, type CycleRecord } from '../../lib/history/cycle-record';

export interface SimulatedShape {
  partitions: number;
  partitionsPerTopic: number;
  groups: number;
  /** Topics each group consumes (every partition of them). */
  topicsPerGroup: number;
  /** Share of partitions that receive messages, 0 to 1. */
  busy: number;
  seed: number;
}

const MESSAGE_BYTES = 700;
const RETAINED_SECONDS = 2 * 24 * 3600;
const SEGMENT_SECONDS = 3600;

/** mulberry32: a small, fast, seedable generator of numbers in [0, 1). */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Partition {
  topic: string;
  partition: number;
  rate: number;
  highWatermark: number;
  logStartOffset: number;
  sizeBytes: number;
}

interface Group {
  groupId: string;
  /** Indexes into the partitions, with the group's committed offset for each. */
  partitions: number[];
  committed: number[];
}

export class SimulatedCluster {
  readonly #random: () => number;
  readonly #partitions: Partition[] = [];
  readonly #groups: Group[] = [];
  #producedTotal = 0;

  constructor(readonly shape: SimulatedShape) {
    this.#random = randomSource(shape.seed);
    const topics = Math.ceil(shape.partitions / shape.partitionsPerTopic);
    for (let i = 0; i < shape.partitions; i++) {
      const topic = Math.floor(i / shape.partitionsPerTopic);
      const busy = this.#random() < shape.busy;
      // Skewed like real traffic: most partitions slow, a few fast.
      const rate = busy ? Math.exp(this.#random() * 6) : 0;
      const highWatermark = Math.floor(rate * 86_400 * this.#random());
      this.#partitions.push({
        topic: `simulated.orders-${String(topic).padStart(4, '0')}`,
        partition: i % shape.partitionsPerTopic,
        rate,
        highWatermark,
        logStartOffset: 0,
        sizeBytes: highWatermark * MESSAGE_BYTES,
      });
    }
    for (let g = 0; g < shape.groups; g++) {
      const partitions: number[] = [];
      for (let k = 0; k < shape.topicsPerGroup; k++) {
        const topic = (g * shape.topicsPerGroup + k) % topics;
        const first = topic * shape.partitionsPerTopic;
        for (let i = first; i < Math.min(first + shape.partitionsPerTopic, shape.partitions); i++) partitions.push(i);
      }
      const committed = partitions.map((i) => this.#partitions[i].highWatermark);
      this.#groups.push({ groupId: `simulated.billing-consumer-${String(g).padStart(4, '0')}`, partitions, committed });
    }
  }

  /** Committed offsets the cycle holds. */
  get commitCount(): number {
    return this.#groups.reduce((sum, g) => sum + g.partitions.length, 0);
  }

  /** Moves time on by `elapsedMs` and returns the cycle at `t`. */
  next(t: number, elapsedMs: number): CycleRecord {
    const seconds = elapsedMs / 1000;
    for (const p of this.#partitions) {
      if (p.rate === 0) continue;
      const produced = Math.round(p.rate * seconds * (0.8 + 0.4 * this.#random()));
      p.highWatermark += produced;
      p.sizeBytes += produced * MESSAGE_BYTES;
      this.#producedTotal += produced;
      if (p.highWatermark - p.logStartOffset > p.rate * RETAINED_SECONDS) {
        const deleted = Math.round(p.rate * SEGMENT_SECONDS);
        p.logStartOffset += deleted;
        p.sizeBytes -= deleted * MESSAGE_BYTES;
      }
    }
    for (const g of this.#groups) {
      g.partitions.forEach((i, k) => {
        const p = this.#partitions[i];
        // A few seconds behind, never ahead and never back.
        const behind = Math.round(p.rate * 5 * this.#random());
        g.committed[k] = Math.max(g.committed[k], p.highWatermark - behind);
      });
    }
    return this.#record(t);
  }

  #record(t: number): CycleRecord {
    const partitions = this.#partitions.map(({ topic, partition, highWatermark, logStartOffset, sizeBytes }) => ({
      topic,
      partition,
      highWatermark,
      logStartOffset,
      sizeBytes,
    }));
    const topics = new Map<string, AggregateSample & { topic: string }>();
    for (const p of this.#partitions) {
      const row = topics.get(p.topic) ?? { topic: p.topic, ...emptyAggregate(), startOffsetSum: 0, sizeBytes: 0 };
      topics.set(p.topic, row);
      row.partitionCount++;
      row.endOffsetSum += p.highWatermark;
      row.startOffsetSum! += p.logStartOffset;
      row.sizeBytes! += p.sizeBytes;
    }
    const commits: CycleRecord['commits'] = [];
    const groupTopics: CycleRecord['groupTopics'] = [];
    for (const g of this.#groups) {
      const byTopic = new Map<string, AggregateSample & { groupId: string; topic: string }>();
      g.partitions.forEach((i, k) => {
        const p = this.#partitions[i];
        const committedOffset = g.committed[k];
        commits.push({ groupId: g.groupId, topic: p.topic, partition: p.partition, committedOffset, owned: true });
        const row = byTopic.get(p.topic) ?? {
          groupId: g.groupId,
          topic: p.topic,
          ...emptyAggregate(),
          committedSum: 0,
          lag: 0,
          maxTimeLagSeconds: 0,
        };
        byTopic.set(p.topic, row);
        const lag = p.highWatermark - committedOffset;
        row.partitionCount++;
        row.endOffsetSum += p.highWatermark;
        row.committedSum! += committedOffset;
        row.lag! += lag;
        row.maxTimeLagSeconds = Math.max(row.maxTimeLagSeconds!, p.rate > 0 ? lag / p.rate : 0);
      });
      groupTopics.push(...byTopic.values());
    }
    const topicRows = [...topics.values()];
    return {
      t,
      partitions,
      commits,
      topics: topicRows,
      groupTopics,
      cluster: {
        ...emptyAggregate(),
        endOffsetSum: this.#producedTotal,
        startOffsetSum: topicRows.reduce((sum, r) => sum + r.startOffsetSum!, 0),
        sizeBytes: topicRows.reduce((sum, r) => sum + r.sizeBytes!, 0),
        lag: groupTopics.reduce((sum, r) => sum + r.lag!, 0),
        maxTimeLagSeconds: groupTopics.reduce((worst, r) => Math.max(worst, r.maxTimeLagSeconds!), 0),
      },
    };
  }
}
