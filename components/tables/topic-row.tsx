import Link from 'next/link';
import { memo } from 'react';
import {
  formatRetentionBytes,
  formatRetentionMs,
  isCompacted,
  isCompactionOnly,
  OFFSET_SPAN_TITLE,
  retentionUsageFraction,
  usageTone,
} from '@/components/ui/topic-retention';
import { NotAuthorised } from '@/components/ui/not-authorised';
import type { TopicSummary } from '@/lib/api/schemas';
import { formatDuration } from '@/lib/format/format-duration';
import { formatBytes, formatExact, formatPercent, formatRate } from '@/lib/format/format-number';

interface TopicRowProps {
  topic: TopicSummary;
  href: string;
  /** Position in the sorted list, 0-based: the windowing finds rows by it. */
  index: number;
  /** Groups reading the topic; undefined while the group list loads. */
  groupCount: number | undefined;
}

function UsageCell({ topic }: { topic: TopicSummary }) {
  const fraction = retentionUsageFraction(topic.retentionUsage);
  if (fraction === null) return <span className="muted">–</span>;
  const { age, size } = topic.retentionUsage;
  const title = [
    age === null ? null : `oldest message at ${formatPercent(age)} of retention.ms`,
    size === null ? null : `largest partition at ${formatPercent(size)} of retention.bytes`,
  ]
    .filter(Boolean)
    .join('; ');
  return (
    <span className={`topics-usage topics-usage-${usageTone(fraction)}`} title={title} data-usage={fraction}>
      <span className="topics-usage-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(1, fraction) * 100}%` }} />
      </span>
      {formatPercent(fraction)}
    </span>
  );
}

function ReplicationCell({ topic }: { topic: TopicSummary }) {
  if (topic.offlinePartitions > 0) {
    return (
      <span className="error" title={`${topic.underReplicatedPartitions} under-replicated, no leader for some`}>
        {topic.offlinePartitions} offline
      </span>
    );
  }
  if (topic.underReplicatedPartitions > 0) {
    return <span className="error">{topic.underReplicatedPartitions} under-replicated</span>;
  }
  return <span className="muted">ok</span>;
}

/** One topic of the list; memoised so that scrolling renders only the rows that enter the window. */
export const TopicRow = memo(function TopicRow({ topic, href, index, groupCount }: TopicRowProps) {
  const compacted = isCompactionOnly(topic.cleanupPolicy);
  const compactTitle = `cleanup.policy=${topic.cleanupPolicy}: compaction only, retention deletes nothing`;
  return (
    <tr
      className="windowed-row"
      data-testid="topic-row"
      data-topic={topic.name}
      data-index={index}
      aria-rowindex={index + 2}
    >
      <td className="topics-name" title={topic.name}>
        <Link href={href} prefetch={false}>
          {topic.name}
        </Link>
        {topic.internal ? <span className="badge badge-none topics-internal">internal</span> : null}
      </td>
      <td className="num">{topic.partitionCount}</td>
      <td className="num">{topic.replicationFactor}</td>
      <td
        className="num"
        title={topic.produceRate === null ? 'not measured yet' : `${formatExact(topic.produceRate)} msg/s`}
      >
        {formatRate(topic.produceRate)}
      </td>
      <td
        className="num"
        title={`${formatExact(topic.sizeBytes)} bytes, ${formatExact(topic.messageCount)} ${isCompacted(topic.cleanupPolicy) ? OFFSET_SPAN_TITLE : 'messages'}`}
      >
        {topic.sizeError ? <NotAuthorised message={topic.sizeError} /> : formatBytes(topic.sizeBytes)}
      </td>
      {topic.configsError ? (
        <>
          <td className="num">
            <NotAuthorised message={topic.configsError} />
          </td>
          <td className="num">
            <NotAuthorised message={topic.configsError} />
          </td>
        </>
      ) : compacted ? (
        <>
          <td className="num muted" title={compactTitle}>
            compact
          </td>
          <td className="num muted" title={compactTitle}>
            compact
          </td>
        </>
      ) : (
        <>
          <td className="num" title={topic.retentionMs === null ? 'unknown' : `${topic.retentionMs} ms`}>
            {formatRetentionMs(topic.retentionMs)}
          </td>
          <td
            className="num"
            title={topic.retentionBytes === null ? 'unknown' : `${topic.retentionBytes} bytes per partition`}
          >
            {formatRetentionBytes(topic.retentionBytes)}
          </td>
        </>
      )}
      <td className="num">
        {topic.oldestMessageAgeSeconds === null && topic.oldestMessageAgeError ? (
          <NotAuthorised message={topic.oldestMessageAgeError} />
        ) : (
          formatDuration(topic.oldestMessageAgeSeconds)
        )}
      </td>
      <td className="num">
        <UsageCell topic={topic} />
      </td>
      <td className="num">
        <ReplicationCell topic={topic} />
      </td>
      <td className="num">{groupCount === undefined ? <span className="muted">–</span> : groupCount}</td>
    </tr>
  );
});
