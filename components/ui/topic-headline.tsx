import { countPartitionHealth } from '@/lib/analysis/partition-health';
import type { TopicResponse } from '@/lib/api/schemas';
import { formatDuration } from '@/lib/format/format-duration';
import { NotAuthorised } from './not-authorised';
import { OFFSET_SPAN_TITLE } from './topic-retention';
import { formatByteRate, formatBytes, formatCount, formatExact, formatRate } from '@/lib/format/format-number';

type Headline = Pick<
  TopicResponse,
  | 'partitions'
  | 'produceRate'
  | 'bytesInRate'
  | 'oldestMessageAgeSeconds'
  | 'oldestMessageAgeError'
  | 'sizeError'
  | 'hotPartitions'
>;

const sum = (values: (number | null)[]) => values.reduce<number>((total, value) => total + (value ?? 0), 0);

/** Hot partitions by id, said as ids (a lone "2" reads as a count): "partition 2", "partitions 2, 5", "none". */
export function hotPartitionsText(hot: number[]): string {
  if (hot.length === 0) return 'none';
  return `${hot.length === 1 ? 'partition' : 'partitions'} ${hot.join(', ')}`;
}

/** The topic at a glance: how much it holds and takes in, replication health and hot partitions. */
export function TopicHeadline({
  topic,
  groupCount,
  compacted,
}: {
  topic: Headline;
  groupCount: number;
  /** cleanup.policy includes compact: the offset span is no message count. */
  compacted: boolean;
}) {
  const { partitions } = topic;
  const replicationFactor = Math.max(0, ...partitions.map((p) => p.replicas.length));
  const { offline, underReplicated } = countPartitionHealth(partitions);
  const messages = sum(partitions.map((p) => (p.highWatermark ?? 0) - (p.logStartOffset ?? p.highWatermark ?? 0)));
  const hot = topic.hotPartitions;
  return (
    <div className="group-headline" aria-label="Topic summary">
      <ul className="stats">
        <li>
          <strong>{partitions.length}</strong>
          {partitions.length === 1 ? 'partition' : 'partitions'}
        </li>
        <li>
          <strong>{replicationFactor}</strong>
          replication factor
        </li>
        <li>
          <strong title={formatExact(topic.produceRate)}>{formatRate(topic.produceRate)}</strong>
          produced
        </li>
        <li>
          <strong>{formatByteRate(topic.bytesInRate)}</strong>
          bytes in
        </li>
        <li>
          {topic.sizeError ? (
            <strong>
              <NotAuthorised message={topic.sizeError} />
            </strong>
          ) : (
            <strong title={`${formatExact(sum(partitions.map((p) => p.sizeBytes)))} bytes on the leaders`}>
              {formatBytes(sum(partitions.map((p) => p.sizeBytes)))}
            </strong>
          )}
          size (leaders, one copy)
        </li>
        <li>
          <strong
            title={compacted ? `${formatExact(messages)} ${OFFSET_SPAN_TITLE}` : `${formatExact(messages)} messages`}
          >
            {formatCount(messages)}
          </strong>
          {compacted ? 'offset span (compacted)' : 'messages'}
        </li>
        <li>
          <strong>
            {topic.oldestMessageAgeSeconds === null && topic.oldestMessageAgeError ? (
              <NotAuthorised message={topic.oldestMessageAgeError} />
            ) : (
              formatDuration(topic.oldestMessageAgeSeconds)
            )}
          </strong>
          oldest message
        </li>
        {offline > 0 ? (
          <li data-testid="topic-offline">
            <strong className="error" title="no leader: cannot be read or written">
              {offline}
            </strong>
            offline
          </li>
        ) : null}
        <li data-testid="topic-under-replicated">
          <strong className={underReplicated > 0 ? 'error' : undefined}>{underReplicated}</strong>
          under-replicated
        </li>
        <li>
          <strong className={hot.length > 0 ? 'topic-hot-text' : undefined} data-testid="topic-hot-partitions">
            {hot.length === 0 ? null : <span aria-hidden="true">▲ </span>}
            {hotPartitionsText(hot)}
          </strong>
          {hot.length === 0 ? 'hot partitions' : "hot: over 3× the others' write rate"}
        </li>
        <li>
          <strong>{groupCount}</strong>
          {groupCount === 1 ? 'consumer group' : 'consumer groups'}
        </li>
      </ul>
    </div>
  );
}
