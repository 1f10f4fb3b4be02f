/**
 * How full a topic is against its retention limits, in words and fractions, for the
 * topic list's columns and the topic page's retention panel.
 */
import type { TopicResponse } from '@/lib/api/schemas';
import { formatDuration } from '@/lib/format/format-duration';
import { formatBytes } from '@/lib/format/format-number';

/** Usage at or above these fractions of a limit reads as a warning, then as an error. */
export const USAGE_WARN = 0.8;
export const USAGE_ERR = 1;

export type UsageTone = 'ok' | 'warn' | 'err';

export function usageTone(fraction: number | null): UsageTone | null {
  if (fraction === null) return null;
  return fraction >= USAGE_ERR ? 'err' : fraction >= USAGE_WARN ? 'warn' : 'ok';
}

/** The larger of the age and size usage (the limit retention reaches first); null when neither is known. */
export function retentionUsageFraction(usage: { age: number | null; size: number | null }): number | null {
  if (usage.age === null) return usage.size;
  return usage.size === null ? usage.age : Math.max(usage.age, usage.size);
}

/** A cleanup.policy without "delete" (e.g. "compact"): retention never deletes by age or size. Unknown: Kafka's default, delete. */
export function isCompactionOnly(cleanupPolicy: string | null): boolean {
  return cleanupPolicy !== null && !cleanupPolicy.split(',').some((policy) => policy.trim() === 'delete');
}

export { isCompacted } from '@/lib/analysis/retention-risk';

/**
 * Why "retention used" passes 100%: said where a usage over 100% is shown, since it reads
 * like a broken limit otherwise.
 */
export const SEGMENT_RETENTION_NOTE =
  'Over 100% is normal for a while: Kafka deletes whole segments, and a segment only once its newest message is past retention.ms (or once the partition is a whole segment over retention.bytes), so the oldest messages outlive the limit until then.';

/** True when any of these usages (fractions of a limit) is over 100%: the note above is then due. */
export function anyOverRetention(fractions: (number | null)[]): boolean {
  return fractions.some((fraction) => fraction !== null && fraction > 1);
}

export const OFFSET_SPAN_TITLE =
  'offsets between log start and end: compaction removed some of those records, so fewer messages remain';

/** retention.ms for people: 604800000 → "7d", -1 → "∞", unknown (null) → "–". */
export function formatRetentionMs(retentionMs: number | null): string {
  if (retentionMs === null) return '–';
  if (retentionMs < 0) return '∞';
  return retentionMs < 1000 ? `${retentionMs} ms` : formatDuration(retentionMs / 1000);
}

/** retention.bytes (per partition) for people: 1e9 → "1 GB", -1 → "∞", unknown (null) → "–". */
export function formatRetentionBytes(retentionBytes: number | null): string {
  if (retentionBytes === null) return '–';
  return retentionBytes < 0 ? '∞' : formatBytes(retentionBytes);
}

/** One limit: either a measure against it, or a sentence saying why there is nothing to measure. */
export type RetentionLine =
  | {
      kind: 'gauge';
      used: string | null;
      limit: string;
      fraction: number | null;
      tone: UsageTone | null;
      /** Why `used` is unknown, when reading it was refused. */
      usedError?: string;
    }
  | { kind: 'none'; text: string };

export interface TopicRetention {
  compactionOnly: boolean;
  time: RetentionLine;
  size: RetentionLine;
}

type RetentionInput = Pick<TopicResponse, 'configs' | 'oldestMessageAgeSeconds' | 'retentionUsage' | 'partitions'> &
  Partial<Pick<TopicResponse, 'configsError' | 'oldestMessageAgeError' | 'sizeError'>>;

/** A limit as configured: a number, off (-1), or unknown (the configs were not read). */
function configLimit(raw: string | null | undefined): number | 'none' | 'unknown' {
  if (raw === null || raw === undefined || raw.trim() === '') return 'unknown';
  const value = Number(raw);
  if (!Number.isFinite(value)) return 'unknown';
  return value < 0 ? 'none' : value;
}

/** How each limit reads: its value for people, and the sentence when it is off (-1). */
const LIMITS = {
  'retention.ms': {
    format: formatRetentionMs,
    noLimitText: 'No time limit (retention.ms=-1): messages are never deleted for their age.',
  },
  'retention.bytes': {
    format: formatRetentionBytes,
    noLimitText: 'No size limit (retention.bytes=-1): partitions are never trimmed for their size.',
  },
};

/**
 * One limit's line: a gauge of `used` (`fraction` of the limit), or a sentence when it is off
 * or was not read (`configsError` says why, when the configs were refused).
 */
function limitLine(
  topic: RetentionInput,
  config: keyof typeof LIMITS,
  used: string | null,
  fraction: number | null,
  usedError: string | null | undefined,
): RetentionLine {
  const limit = configLimit(topic.configs[config]);
  if (limit === 'unknown') {
    return { kind: 'none', text: `${config} unknown: ${topic.configsError ?? 'the topic configs were not read'}.` };
  }
  if (limit === 'none') return { kind: 'none', text: LIMITS[config].noLimitText };
  const line = {
    kind: 'gauge' as const,
    used,
    limit: LIMITS[config].format(limit),
    fraction,
    tone: usageTone(fraction),
  };
  return used === null && usedError ? { ...line, usedError } : line;
}

/**
 * The retention panel's two lines: the oldest message's age against retention.ms, and
 * the largest partition (retention.bytes applies per partition) against retention.bytes.
 * Compaction only, -1 and configs that were not read each get a plain sentence instead.
 */
export function topicRetention(topic: RetentionInput): TopicRetention {
  const policy = topic.configs['cleanup.policy'] ?? null;
  if (isCompactionOnly(policy)) {
    const text = `Compaction only (cleanup.policy=${policy}): Kafka keeps the latest record per key`;
    return {
      compactionOnly: true,
      time: { kind: 'none', text: `${text} and deletes nothing by age.` },
      size: { kind: 'none', text: `${text} and deletes nothing by size.` },
    };
  }
  const age = topic.oldestMessageAgeSeconds;
  const sizes = topic.partitions.flatMap((p) => (p.sizeBytes === null ? [] : [p.sizeBytes]));
  const largest = sizes.length > 0 ? Math.max(...sizes) : null;
  const usage = topic.retentionUsage;
  const time = limitLine(
    topic,
    'retention.ms',
    age === null ? null : formatDuration(age),
    usage.age,
    topic.oldestMessageAgeError,
  );
  const size = limitLine(
    topic,
    'retention.bytes',
    largest === null ? null : formatBytes(largest),
    usage.size,
    topic.sizeError,
  );
  return { compactionOnly: false, time, size };
}
