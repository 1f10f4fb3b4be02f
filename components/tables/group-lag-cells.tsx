import { LagSplit } from '@/components/ui/lag-split';
import { LossCountdown } from '@/components/ui/loss-countdown';
import type { GroupSummary } from '@/lib/api/schemas';
import { formatDuration } from '@/lib/format/format-duration';
import { atLeast, formatExact } from '@/lib/format/format-number';

type GroupLag = Pick<
  GroupSummary,
  | 'totalLag'
  | 'totalLagLowerBound'
  | 'maxTimeLagSeconds'
  | 'maxTimeLagLowerBound'
  | 'maxTimeLagError'
  | 'lostMessages'
  | 'secondsUntilLoss'
  | 'lossInSight'
>;

export const LAG_LOWER_BOUND_TITLE = 'at least: some partitions\u2019 end offsets were not read in the last poll';
export const TIME_LAG_LOWER_BOUND_TITLE =
  'at least: a committed message was already deleted (or predates the history), so its age is only bounded';

/** The max time lag's hover text: why it is a lower bound, and why it is estimated when Read was refused. */
export function maxTimeLagTitle(group: Pick<GroupLag, 'maxTimeLagLowerBound' | 'maxTimeLagError'>): string | undefined {
  const reasons = [
    group.maxTimeLagLowerBound ? TIME_LAG_LOWER_BOUND_TITLE : null,
    group.maxTimeLagError ? `estimated: ${group.maxTimeLagError}` : null,
  ].filter(Boolean);
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/**
 * A group row's Lag (rounded, exact on hover; split into readable and lost), Max time lag and
 * time until loss cells, in that order: the group list and the cluster overview's worst
 * groups show them alike.
 */
export function GroupLagCells({ group }: { group: GroupLag }) {
  return (
    <>
      <td className="num">
        <LagSplit
          lag={group.totalLag}
          lostMessages={group.lostMessages}
          lowerBound={group.totalLagLowerBound}
          title={
            group.totalLagLowerBound
              ? `${formatExact(group.totalLag)}, ${LAG_LOWER_BOUND_TITLE}`
              : formatExact(group.totalLag)
          }
        />
      </td>
      <td className="num" title={maxTimeLagTitle(group)} data-not-authorised={group.maxTimeLagError ?? undefined}>
        {atLeast(formatDuration(group.maxTimeLagSeconds), group.maxTimeLagLowerBound)}
        {group.maxTimeLagError ? <span className="muted"> est.</span> : null}
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
