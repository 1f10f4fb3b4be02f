/**
 * What the cluster overview puts first: the groups an on-call engineer should look
 * at, and the topics closest to their retention limits. Pure, unit-tested.
 */
import type { GroupSummary, TopicSummary } from '@/lib/api/schemas';

const STATUS_RANK: Record<string, number> = { ERR: 0, AHEAD: 1, WARN: 2, OK: 3 };

const ascendingNullsLast = (a: number | null, b: number | null) =>
  a === null ? (b === null ? 0 : 1) : b === null ? -1 : a - b;
const descendingNullsLast = (a: number | null, b: number | null) =>
  a === null ? (b === null ? 0 : 1) : b === null ? -1 : b - a;

/**
 * Worst first: by status (ERR, AHEAD, WARN, OK, unknown), then groups that lost messages,
 * then the shortest time until loss, then the largest time lag.
 */
export function worstGroups(groups: GroupSummary[], limit = 10): GroupSummary[] {
  return [...groups]
    .sort(
      (a, b) =>
        (STATUS_RANK[a.status ?? ''] ?? 4) - (STATUS_RANK[b.status ?? ''] ?? 4) ||
        Number(b.lostMessages > 0) - Number(a.lostMessages > 0) ||
        ascendingNullsLast(a.secondsUntilLoss, b.secondsUntilLoss) ||
        descendingNullsLast(a.maxTimeLagSeconds, b.maxTimeLagSeconds) ||
        a.groupId.localeCompare(b.groupId),
    )
    .slice(0, limit);
}

export interface RetentionPressure {
  topic: string;
  /** The larger of the age and size fractions of their limits (1 = at the limit). */
  usage: number;
  by: 'age' | 'size';
}

/** Topics with a retention limit, fullest first. */
export function topicsNearestRetention(topics: TopicSummary[], limit = 10): RetentionPressure[] {
  return topics
    .flatMap((t): RetentionPressure[] => {
      const { age, size } = t.retentionUsage;
      if (age === null && size === null) return [];
      return (size ?? -1) > (age ?? -1)
        ? [{ topic: t.name, usage: size!, by: 'size' }]
        : [{ topic: t.name, usage: age!, by: 'age' }];
    })
    .sort((a, b) => b.usage - a.usage || a.topic.localeCompare(b.topic))
    .slice(0, limit);
}
