import type { GroupPartitionView } from '@/lib/api/schemas';
import { retentionMessage } from './retention-message';

interface RetentionBannerProps {
  lostMessages: number;
  partitions: Pick<GroupPartitionView, 'topic' | 'partition' | 'retention'>[];
  /** retention.ms per topic the group reads, when known (widens the warning to a quarter of retention). */
  retentionMsByTopic: ReadonlyMap<string, number | null>;
}

/**
 * Says loudly that retention deleted messages this group never read, or that it may
 * soon; renders nothing when neither is the case.
 */
export function RetentionBanner({ lostMessages, partitions, retentionMsByTopic }: RetentionBannerProps) {
  const message = retentionMessage(lostMessages, partitions, retentionMsByTopic);
  if (!message) return null;
  return (
    <div
      className={`banner banner-${message.tone} group-retention-banner`}
      role={message.tone === 'err' ? 'alert' : 'status'}
      data-testid="retention-banner"
      data-tone={message.tone}
    >
      <strong>{message.text}.</strong>
      {message.first ? (
        <span>
          {' '}
          First at risk: {message.first.topic} partition {message.first.partition}. Kafka deletes whole segments, so
          this is a lower bound.
        </span>
      ) : (
        <span>
          {' '}
          Its committed offsets point before the log start: on restart the consumer applies auto.offset.reset.
        </span>
      )}
    </div>
  );
}
