/**
 * Record timestamps read for exact time lag (the record at a group's committed
 * offset) and for the oldest message age (the record at the log start offset).
 * An entry stays while some group or partition still points at its offset, so a
 * stopped group costs one fetch, not one per cycle. In a compacted topic the record an
 * entry names can be removed (the first record at or after an offset then changes without
 * the offset moving): those requests carry `refreshAfterMs` and are read again when older.
 * A topic that refuses the read (no Read on it) is left alone for `refusalRetryMs`, then
 * asked again: granting Read later gives exact time lag without a restart.
 */
import { isNotAuthorised } from '../kafka/authorization';
import type { RecordTimestamp, TimestampRequest } from '../kafka/record-timestamps';
import { partitionKey } from './partition-key';

const entryKey = (topic: string, partition: number, offset: number) =>
  `${partitionKey(topic, partition)}\u0000${offset}`;

const TRANSIENT = new Set([
  'REQUEST_TIMED_OUT',
  'NETWORK_EXCEPTION',
  'NOT_LEADER_OR_FOLLOWER',
  'LEADER_NOT_AVAILABLE',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
]);

/** How long a topic that refused Read waits before it is asked again. */
export const REFUSAL_RETRY_MS = 5 * 60_000;

export type WantedTimestamp = TimestampRequest & {
  /** The partition's high watermark now (see plan()). */
  endOffset?: number;
  /** Read again once the stored answer is older than this (compacted topics). */
  refreshAfterMs?: number;
};

export class TimestampCache {
  readonly #entries = new Map<string, RecordTimestamp & { readAt: number }>();
  /** Topics that refused Read when last asked, with when that was. */
  readonly #refused = new Map<string, number>();

  constructor(private readonly refusalRetryMs = REFUSAL_RETRY_MS) {}

  /** Topics that refused Read when last asked (and are still wanted), sorted. */
  refusedTopics(): string[] {
    return [...this.#refused.keys()].sort();
  }

  at(topic: string, partition: number, offset: number): RecordTimestamp | undefined {
    return this.#entries.get(entryKey(topic, partition, offset));
  }

  /**
   * Keeps only the entries still wanted and returns the wanted ones not yet read,
   * at most `budget` of them, in the order given (callers put the most useful first).
   * `endOffset` (the partition's high watermark now) keeps an "only markers up to the
   * end" answer while the end has not moved past it, and asks again once it has. A topic
   * that refused Read is not asked until `refusalRetryMs` after the refusal.
   */
  plan(wanted: WantedTimestamp[], budget: number, nowMs = Date.now()): TimestampRequest[] {
    const keep = new Set(wanted.map((w) => entryKey(w.topic, w.partition, w.offset)));
    for (const key of this.#entries.keys()) if (!keep.has(key)) this.#entries.delete(key);
    const topics = new Set(wanted.map((w) => w.topic));
    for (const topic of this.#refused.keys()) if (!topics.has(topic)) this.#refused.delete(topic);
    const missing: TimestampRequest[] = [];
    const seen = new Set<string>();
    for (const w of wanted) {
      if (missing.length >= budget) break;
      const refusedAt = this.#refused.get(w.topic);
      if (refusedAt !== undefined && nowMs - refusedAt < this.refusalRetryMs) continue;
      const key = entryKey(w.topic, w.partition, w.offset);
      const entry = this.#entries.get(key);
      const stillValid =
        entry &&
        (entry.noRecordBelow === undefined || (w.endOffset ?? Infinity) <= entry.noRecordBelow) &&
        (w.refreshAfterMs === undefined || nowMs - entry.readAt <= w.refreshAfterMs);
      if (stillValid || seen.has(key)) continue;
      seen.add(key);
      missing.push({ topic: w.topic, partition: w.partition, offset: w.offset });
    }
    return missing;
  }

  /**
   * Stores answers. Not kept, so they are asked again: passing errors (timeouts, a
   * moving leader) and "no record yet" (the offset was at the end when asked). Kept:
   * "only transaction markers up to the end" (see plan()). A refusal is kept per topic, apart
   * (see plan()); any other answer from the topic ends it.
   */
  store(results: RecordTimestamp[], nowMs = Date.now()): void {
    for (const r of results) {
      if (isNotAuthorised(r.error)) {
        this.#refused.set(r.topic, nowMs);
        continue;
      }
      if (r.error === null || !TRANSIENT.has(r.error)) this.#refused.delete(r.topic);
      const onlyMarkers = r.noRecordBelow !== undefined && r.noRecordBelow > r.offset;
      if (r.error === null ? r.timestampMs === null && !onlyMarkers : TRANSIENT.has(r.error)) continue;
      this.#entries.set(entryKey(r.topic, r.partition, r.offset), { ...r, readAt: nowMs });
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}
