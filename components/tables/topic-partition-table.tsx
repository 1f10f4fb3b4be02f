import { OFFSET_SPAN_TITLE } from '@/components/ui/topic-retention';
import { partitionHealth } from '@/lib/analysis/partition-health';
import type { PartitionView } from '@/lib/api/schemas';
import { formatBytes, formatExact, formatPercent, formatRate } from '@/lib/format/format-number';
import { TableScroll } from './table-scroll';

function IsrCell({ partition }: { partition: PartitionView }) {
  const outOfSync = partition.replicas.filter((r) => !partition.isr.includes(r));
  const detail = [
    outOfSync.length > 0 ? `not in sync: ${outOfSync.join(', ')}` : null,
    partition.offlineReplicas.length > 0 ? `offline: ${partition.offlineReplicas.join(', ')}` : null,
  ].filter((part) => part !== null);
  const health = partitionHealth(partition);
  return (
    <>
      {partition.isr.join(', ') || <span className="error">none</span>}
      {health === 'offline' ? (
        <span
          className="badge badge-err topic-mark"
          data-testid="offline"
          title={['no leader: cannot be read or written', ...detail].join('; ')}
        >
          offline
        </span>
      ) : null}
      {health === 'under-replicated' ? (
        <span className="badge badge-err topic-mark" data-testid="under-replicated" title={detail.join('; ')}>
          under-replicated
        </span>
      ) : null}
    </>
  );
}

function ShareCell({ partition, topicRate }: { partition: PartitionView; topicRate: number | null }) {
  const share = partition.produceRate !== null && topicRate ? partition.produceRate / topicRate : null;
  return (
    <>
      {formatPercent(share)}
      {partition.hot ? (
        <span
          className="badge badge-warn topic-mark"
          data-testid="hot-partition"
          title="hot: more than 3× the mean write rate of the other partitions (a skewed key?)"
        >
          <span aria-hidden="true">▲ </span>hot
        </span>
      ) : null}
    </>
  );
}

/** Every partition with its replicas, offsets, size and share of the writes; hot, offline and under-replicated ones marked. */
export function TopicPartitionTable({
  partitions,
  topicRate,
  compacted = false,
}: {
  partitions: PartitionView[];
  /** cleanup.policy includes compact: the Messages column is an offset span. */
  compacted?: boolean;
  /** The topic's produce rate, msg/s, for each partition's share. */
  topicRate: number | null;
}) {
  return (
    <TableScroll>
      <table aria-label="Partitions" className="topic-partition-table">
        <thead>
          <tr>
            <th className="num">Partition</th>
            <th className="num">Leader</th>
            <th>Replicas</th>
            <th>In sync (ISR)</th>
            <th className="num">Log start</th>
            <th className="num">End offset</th>
            {compacted ? (
              <th className="num" title={OFFSET_SPAN_TITLE}>
                Offset span
              </th>
            ) : (
              <th className="num">Messages</th>
            )}
            <th className="num" title="bytes on the leader replica: one copy">
              Size (leader)
            </th>
            <th className="num">Produce rate</th>
            <th>Share of writes</th>
          </tr>
        </thead>
        <tbody>
          {partitions.map((p) => (
            <tr
              key={p.partition}
              tabIndex={0}
              data-testid="topic-partition-row"
              data-partition={p.partition}
              data-end-offset={p.highWatermark ?? ''}
              data-hot={p.hot}
              className={p.hot ? 'topic-hot-row' : undefined}
            >
              <td className="num">
                {p.partition}
                {p.error ? (
                  <span className="error" title={p.error}>
                    {' '}
                    (error)
                  </span>
                ) : null}
              </td>
              <td className="num">{p.leader < 0 ? <span className="error">offline</span> : p.leader}</td>
              <td>{p.replicas.join(', ')}</td>
              <td>
                <IsrCell partition={p} />
              </td>
              <td className="num">{formatExact(p.logStartOffset)}</td>
              <td
                className="num"
                title={
                  p.lastStableOffset === null ? undefined : `last stable offset ${formatExact(p.lastStableOffset)}`
                }
              >
                {formatExact(p.highWatermark)}
              </td>
              <td className="num">
                {p.highWatermark === null || p.logStartOffset === null
                  ? '–'
                  : formatExact(p.highWatermark - p.logStartOffset)}
              </td>
              <td className="num" title={p.sizeBytes === null ? undefined : `${formatExact(p.sizeBytes)} bytes`}>
                {formatBytes(p.sizeBytes)}
              </td>
              <td className="num">{formatRate(p.produceRate)}</td>
              <td>
                <ShareCell partition={p} topicRate={topicRate} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
