import Link from 'next/link';
import { LagStatusBadge } from '@/components/ui/lag-status-badge';
import { LagSplit } from '@/components/ui/lag-split';
import { LOSS_HEADER, LossCountdown } from '@/components/ui/loss-countdown';
import { NotAuthorised } from '@/components/ui/not-authorised';
import { lossInSight } from '@/lib/analysis/retention-risk';
import type { GroupPartitionView } from '@/lib/api/schemas';
import { formatDuration } from '@/lib/format/format-duration';
import { formatExact } from '@/lib/format/format-number';
import { TableScroll } from './table-scroll';
import { BreakableName } from '@/components/ui/breakable-name';

type TimeLag = Pick<GroupPartitionView, 'timeLagSeconds' | 'timeLagSource' | 'timeLagLowerBound' | 'timeLagError'>;

const SOURCE_TITLE = {
  exact: 'exact: now minus the timestamp of the record at the committed offset',
  estimated: "estimated: interpolated from the partition's end offset history",
} as const;

function TimeLagCell({ timeLagSeconds, timeLagSource, timeLagLowerBound, timeLagError }: TimeLag) {
  if (timeLagSeconds === null)
    return timeLagError ? <NotAuthorised message={timeLagError} /> : <span className="muted">–</span>;
  const title = [
    timeLagSource ? SOURCE_TITLE[timeLagSource] : null,
    timeLagLowerBound ? 'at least this: the committed offset is older than anything Watermark can date' : null,
    timeLagError,
  ]
    .filter(Boolean)
    .join('; ');
  return (
    <span title={title}>
      {timeLagLowerBound ? '≥ ' : ''}
      {formatDuration(timeLagSeconds)}
      {timeLagSource === 'estimated' ? <span className="muted"> est.</span> : null}
    </span>
  );
}

function LagCell({ partition }: { partition: GroupPartitionView }) {
  if (partition.offsetsError) return <NotAuthorised message={partition.offsetsError} />;
  if (partition.committedOffset === null)
    return (
      <span className="muted" title="nothing committed">
        –
      </span>
    );
  if (partition.committedAheadOfEnd) {
    return (
      <span className="error" title="the committed offset is past the high watermark (topic recreated or truncated?)">
        ahead of end
      </span>
    );
  }
  return (
    <LagSplit
      lag={partition.lag}
      lostMessages={partition.retention.lostMessages}
      title={`${formatExact(partition.lag)} messages`}
    />
  );
}

/** One row per partition the group committed on or owns; rows take keyboard focus for reading along. */
export function GroupPartitionTable({ cluster, partitions }: { cluster: string; partitions: GroupPartitionView[] }) {
  const topicHref = (topic: string) => `/clusters/${encodeURIComponent(cluster)}/topics/${encodeURIComponent(topic)}`;
  return (
    <TableScroll>
      <table aria-label="Partitions" className="group-partition-table">
        <thead>
          <tr>
            <th>Topic</th>
            <th className="num">Partition</th>
            <th>Member</th>
            <th>Host</th>
            <th className="num">Committed</th>
            <th className="num">End</th>
            <th className="num">Lag</th>
            <th className="num">Time lag</th>
            <th>Status</th>
            <th className="num">{LOSS_HEADER}</th>
          </tr>
        </thead>
        <tbody>
          {partitions.map((p) => (
            <tr
              key={`${p.topic}/${p.partition}`}
              tabIndex={0}
              data-testid="partition-row"
              data-topic={p.topic}
              data-partition={p.partition}
              data-lag={p.lag ?? ''}
            >
              <td>
                <Link href={topicHref(p.topic)}>
                  <BreakableName name={p.topic} />
                </Link>
              </td>
              <td className="num">{p.partition}</td>
              <td title={p.memberId ?? undefined}>
                {p.clientId ? <BreakableName name={p.clientId} /> : <span className="muted">unassigned</span>}
              </td>
              <td>{p.host ?? <span className="muted">–</span>}</td>
              <td className="num">
                {p.offsetsError ? <NotAuthorised message={p.offsetsError} /> : formatExact(p.committedOffset)}
              </td>
              <td
                className="num"
                title={p.logStartOffset === null ? undefined : `log start ${formatExact(p.logStartOffset)}`}
              >
                {formatExact(p.highWatermark)}
              </td>
              <td className="num">
                <LagCell partition={p} />
              </td>
              <td className="num">
                <TimeLagCell {...p} />
              </td>
              <td>
                <LagStatusBadge status={p.status} />
              </td>
              <td className="num">
                {p.retentionError ? (
                  <NotAuthorised message={p.retentionError} />
                ) : (
                  <LossCountdown
                    lostMessages={p.retention.lostMessages}
                    secondsUntilLoss={p.retention.secondsUntilLoss}
                    limitedBy={p.retention.limitedBy}
                    inSight={lossInSight(p.retention.secondsUntilLoss, p.retention.retentionMs)}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
