/**
 * What the retention banner on a group page says, from the group's per-partition
 * retention risk and its topics' retention.ms.
 */
import { lossInSight } from '@/lib/analysis/retention-risk';
import type { GroupPartitionView } from '@/lib/api/schemas';
import { formatDuration } from '@/lib/format/format-duration';
import { formatExact } from '@/lib/format/format-number';

/** Under an hour the banner turns red. */
export const LOSS_ERROR_SECONDS = 3600;

export interface RetentionMessage {
  tone: 'err' | 'warn';
  text: string;
  /** The partition that will lose first, when loss is only possible. */
  first?: { topic: string; partition: number };
}

type PartitionRisk = Pick<GroupPartitionView, 'topic' | 'partition' | 'retention'>;

/**
 * - Messages lost (`lostMessages` > 0, the group total): an error, whatever else.
 * - Otherwise the soonest partition loss in sight (lossInSight: once its unread data has
 *   used a quarter of its topic's retention.ms, `retentionMsByTopic`; missing or null:
 *   within a day): a warning, an error under an hour. The countdowns in the tables use
 *   the same rule, so the banner and the rows agree.
 * - Otherwise null: nothing to say.
 */
export function retentionMessage(
  lostMessages: number,
  partitions: PartitionRisk[],
  retentionMsByTopic: ReadonlyMap<string, number | null>,
): RetentionMessage | null {
  if (lostMessages > 0) {
    return {
      tone: 'err',
      text: `Lost ${formatExact(lostMessages)} messages: retention deleted them before this group read them`,
    };
  }
  const soonest = partitions
    .filter((p) => lossInSight(p.retention.secondsUntilLoss, retentionMsByTopic.get(p.topic) ?? null))
    .sort((a, b) => a.retention.secondsUntilLoss! - b.retention.secondsUntilLoss!)[0];
  if (!soonest) return null;
  const seconds = soonest.retention.secondsUntilLoss!;
  const limit = soonest.retention.limitedBy ? ` (limited by ${soonest.retention.limitedBy})` : '';
  return {
    tone: seconds < LOSS_ERROR_SECONDS ? 'err' : 'warn',
    text: `Loss possible in about ${formatDuration(seconds)}${limit}`,
    first: { topic: soonest.topic, partition: soonest.partition },
  };
}
