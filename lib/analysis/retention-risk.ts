/**
 * Retention risk: how soon a lagging consumer may lose unread messages to
 * retention, and how full a topic is against its limits.
 *
 * Both bounds are lower bounds: the broker deletes whole segments, only once the
 * newest record of a segment has expired (time) or the partition stays at or
 * above `retention.bytes` without it (size), and only at its retention check.
 */

import { bytesPerMessage } from './rates';

export interface RetentionLimits {
  /** Null: no time limit (`retention.ms=-1`, or compaction only). */
  retentionMs: number | null;
  /** Per partition. Null: no size limit (`retention.bytes=-1`, or compaction only). */
  retentionBytes: number | null;
  cleanupPolicy: string | null;
}

export interface RetentionRisk {
  /** Messages already deleted before the group read them. */
  lostMessages: number;
  /** Lower bound before the next unread message may be deleted; null when it cannot be (or is unknown). */
  secondsUntilLoss: number | null;
  limitedBy: 'time' | 'size' | null;
}

export interface RetentionRiskInput {
  committedOffset: number | null;
  logStartOffset: number;
  highWatermark: number;
  timeLagSeconds: number | null;
  /** Size of the partition on its leader. */
  sizeBytes: number | null;
  produceBytesRate: number | null;
  consumeBytesRate: number | null;
  limits: RetentionLimits;
}

/** Whether a cleanup.policy (e.g. "compact, delete") names `policy`. */
const hasPolicy = (cleanupPolicy: string | null, policy: 'compact' | 'delete') =>
  cleanupPolicy !== null && cleanupPolicy.split(',').some((p) => p.trim() === policy);

/**
 * A cleanup.policy with "compact" (alone or with delete): compaction removes records that
 * have a newer one for their key, so the offsets between log start and end are only an
 * upper bound on the messages kept (an "offset span"), and a record read at some offset
 * can disappear while that offset stays in the log.
 */
export const isCompacted = (cleanupPolicy: string | null) => hasPolicy(cleanupPolicy, 'compact');

/**
 * Retention limits from a topic's configs (string values as DescribeConfigs
 * returns them). "-1", a missing or an unparsable value: no limit (null). A
 * `cleanup.policy` without "delete" (compaction only): no limit at all. A missing
 * policy is taken as Kafka's default, delete.
 */
export function retentionLimits(configs: Record<string, string | null>): RetentionLimits {
  const cleanupPolicy = configs['cleanup.policy'] ?? null;
  const deletes = cleanupPolicy === null || hasPolicy(cleanupPolicy, 'delete');
  if (!deletes) return { retentionMs: null, retentionBytes: null, cleanupPolicy };
  return {
    retentionMs: parseLimit(configs['retention.ms']),
    retentionBytes: parseLimit(configs['retention.bytes']),
    cleanupPolicy,
  };
}

function parseLimit(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const limit = Number(value);
  return Number.isFinite(limit) && limit >= 0 ? limit : null;
}

/** Messages deleted before being read: `logStartOffset − committedOffset`, at least 0. */
export function lostMessages(committedOffset: number, logStartOffset: number): number {
  return Math.max(0, logStartOffset - committedOffset);
}

/** Lower bound, in seconds, before retention may delete the oldest unconsumed record: retention − time lag, ≥ 0. */
export function secondsUntilTimeRetention(retentionMs: number, timeLagSeconds: number): number {
  return Math.max(0, retentionMs / 1000 - timeLagSeconds);
}

/** Bytes between the committed offset and the log end: lag × average bytes per message; 0 when the log is empty. */
export function bytesBehind(lag: number, sizeBytes: number, logStartOffset: number, highWatermark: number): number {
  const perMessage = bytesPerMessage(sizeBytes, logStartOffset, highWatermark);
  return perMessage === null || lag <= 0 ? 0 : lag * perMessage;
}

/**
 * Lower bound, in seconds, before the unread bytes outgrow `retention.bytes`:
 * (retentionBytes − bytesBehind) / (w − c) for byte rates w (produce) > c
 * (consume), at least 0. Null when w ≤ c or a rate is unknown: at the current
 * rates the limit is never reached.
 */
export function secondsUntilSizeRetention(
  retentionBytes: number,
  bytesBehind: number,
  produceBytesRate: number | null,
  consumeBytesRate: number | null,
): number | null {
  if (produceBytesRate === null || consumeBytesRate === null || produceBytesRate <= consumeBytesRate) return null;
  return Math.max(0, (retentionBytes - bytesBehind) / (produceBytesRate - consumeBytesRate));
}

/**
 * Retention risk of one group on one partition.
 *
 * - No committed offset: nothing known, nothing lost.
 * - Committed below the log start: already lost; `secondsUntilLoss` 0, limited by
 *   time if a time limit exists, else by size (null with neither: deleteRecords).
 * - No lag: nothing unread can be lost (null).
 * - Otherwise the smaller of the time bound (needs the time lag) and the size bound
 *   (needs the size and both byte rates); ties go to time. Null where neither applies.
 */
export function retentionRisk(input: RetentionRiskInput): RetentionRisk {
  const { committedOffset, logStartOffset, highWatermark, limits } = input;
  if (committedOffset === null) return { lostMessages: 0, secondsUntilLoss: null, limitedBy: null };
  const lost = lostMessages(committedOffset, logStartOffset);
  if (lost > 0) {
    const limitedBy = limits.retentionMs !== null ? 'time' : limits.retentionBytes !== null ? 'size' : null;
    return { lostMessages: lost, secondsUntilLoss: 0, limitedBy };
  }
  const lag = highWatermark - committedOffset;
  if (lag <= 0) return { lostMessages: 0, secondsUntilLoss: null, limitedBy: null };
  const time =
    limits.retentionMs !== null && input.timeLagSeconds !== null
      ? secondsUntilTimeRetention(limits.retentionMs, input.timeLagSeconds)
      : null;
  const size = sizeBound(input, lag);
  if (time !== null && (size === null || time <= size))
    return { lostMessages: 0, secondsUntilLoss: time, limitedBy: 'time' };
  if (size !== null) return { lostMessages: 0, secondsUntilLoss: size, limitedBy: 'size' };
  return { lostMessages: 0, secondsUntilLoss: null, limitedBy: null };
}

function sizeBound(input: RetentionRiskInput, lag: number): number | null {
  const { retentionBytes } = input.limits;
  if (retentionBytes === null || input.sizeBytes === null) return null;
  const behind = bytesBehind(lag, input.sizeBytes, input.logStartOffset, input.highWatermark);
  return secondsUntilSizeRetention(retentionBytes, behind, input.produceBytesRate, input.consumeBytesRate);
}

/** A loss is worth a countdown once the unread data has used this share of retention.ms. */
export const LOSS_IN_SIGHT_RETENTION_SHARE = 0.25;
/** Without a time limit (size only, or retention.ms unknown): a loss within a day. */
export const LOSS_IN_SIGHT_SECONDS = 24 * 3600;

/**
 * How soon, in seconds, a possible loss is worth a countdown or a banner: within
 * (1 − LOSS_IN_SIGHT_RETENTION_SHARE) × retention.ms, i.e. once the oldest unread
 * message is older than a quarter of the retention (5d 6h ahead on a 7-day topic, 45m
 * on a 1-hour one); null `retentionMs` (no time limit, or unknown): a day.
 */
export function lossHorizonSeconds(retentionMs: number | null): number {
  if (retentionMs === null) return LOSS_IN_SIGHT_SECONDS;
  return ((1 - LOSS_IN_SIGHT_RETENTION_SHARE) * retentionMs) / 1000;
}

/**
 * Whether a loss `secondsUntilLoss` away is worth showing: at most 0 (due now), or under
 * lossHorizonSeconds(retentionMs). A group a few messages behind may lose them at the
 * earliest in ~6d 23h on a 7-day topic, or ~59m on a 1-hour one: neither is a risk
 * anyone acts on, and a countdown in every row hides the one that matters. The bound
 * itself (a size bound included) is what is compared. Null (no loss possible): false.
 */
export function lossInSight(secondsUntilLoss: number | null, retentionMs: number | null): boolean {
  if (secondsUntilLoss === null) return false;
  return secondsUntilLoss <= 0 || secondsUntilLoss < lossHorizonSeconds(retentionMs);
}

/** A loss in sight this close is urgent: the overview's "at risk" count and the groups filter. */
export const AT_RISK_SECONDS = 3600;

/**
 * At risk: messages already lost, or a loss in sight (see lossInSight) within the hour.
 * Using the same "in sight" rule as the countdown cells means a group counted at risk
 * always shows its countdown.
 */
export function atRisk(lostMessages: number, secondsUntilLoss: number | null, inSight: boolean): boolean {
  return lostMessages > 0 || (inSight && secondsUntilLoss !== null && secondsUntilLoss < AT_RISK_SECONDS);
}

/**
 * How full a topic is against its limits, as fractions (above 1 while deletion
 * lags behind): oldest message age over `retention.ms`, largest partition over
 * `retention.bytes`. Null where the limit or the measure is missing, or the limit is 0.
 */
export function topicRetentionUsage(input: {
  oldestMessageAgeSeconds: number | null;
  maxPartitionSizeBytes: number | null;
  limits: RetentionLimits;
}): { age: number | null; size: number | null } {
  const { retentionMs, retentionBytes } = input.limits;
  return {
    age: fraction(input.oldestMessageAgeSeconds, retentionMs === null ? null : retentionMs / 1000),
    size: fraction(input.maxPartitionSizeBytes, retentionBytes),
  };
}

function fraction(value: number | null, limit: number | null): number | null {
  return value === null || limit === null || limit <= 0 ? null : value / limit;
}
