import { LossCountdown } from '@/components/ui/loss-countdown';
import type { GroupSummary } from '@/lib/api/schemas';
import { formatDuration } from '@/lib/format/format-duration';
import { formatCount, formatExact } from '@/lib/format/format-number';

type GroupLag = Pick<GroupSummary, 'totalLag' | 'maxTimeLagSeconds' | 'lostMessages' | 'secondsUntilLoss'>;

/**
 * A group row's Lag (rounded, exact on hover), Max time lag and Retention cells, in that
 * order: the group list and the cluster overview's worst groups show them alike.
 */
export function GroupLagCells({ group }: { group: GroupLag }) {
  return (
    <>
      <td className="num" title={formatExact(group.totalLag)}>
        {formatCount(group.totalLag)}
      </td>
      <td className="num">{formatDuration(group.maxTimeLagSeconds)}</td>
      <td className="num">
        <LossCountdown lostMessages={group.lostMessages} secondsUntilLoss={group.secondsUntilLoss} />
      </td>
    </>
  );
}
