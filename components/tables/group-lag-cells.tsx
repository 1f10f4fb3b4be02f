import { LossCountdown } from '@/components/ui/loss-countdown';
import type { GroupSummary } from '@/lib/api/schemas';
import { formatDuration } from '@/lib/format/format-duration';
import { atLeast, formatCount, formatExact } from '@/lib/format/format-number';

type GroupLag = Pick<
  GroupSummary,
  | 'totalLag'
  | 'totalLagLowerBound'
  | 'maxTimeLagSeconds'
  | 'maxTimeLagLowerBound'
  | 'lostMessages'
  | 'secondsUntilLoss'
  | 'lossInSight'
>;

export const LAG_LOWER_BOUND_TITLE = 'at least: some partitions\u2019 end offsets were not read in the last poll';
export const TIME_LAG_LOWER_BOUND_TITLE =
  'at least: a committed message was already deleted (or predates the history), so its age is only bounded';

/**
 * A group row's Lag (rounded, exact on hover), Max time lag and Retention cells, in that
 * order: the group list and the cluster overview's worst groups show them alike.
 */
export function GroupLagCells({ group }: { group: GroupLag }) {
  return (
    <>
      <td
        className="num"
        title={
          group.totalLagLowerBound
            ? `${formatExact(group.totalLag)}, ${LAG_LOWER_BOUND_TITLE}`
            : formatExact(group.totalLag)
        }
      >
        {atLeast(formatCount(group.totalLag), group.totalLagLowerBound)}
      </td>
      <td className="num" title={group.maxTimeLagLowerBound ? TIME_LAG_LOWER_BOUND_TITLE : undefined}>
        {atLeast(formatDuration(group.maxTimeLagSeconds), group.maxTimeLagLowerBound)}
      </td>
      <td className="num">
        <LossCountdown
          lostMessages={group.lostMessages}
          secondsUntilLoss={group.secondsUntilLoss}
          inSight={group.lossInSight}
        />
      </td>
    </>
  );
}
