import type { GroupResponse } from '@/lib/api/schemas';
import { formatDuration } from '@/lib/format/format-duration';
import { LAG_LOWER_BOUND_TITLE, maxTimeLagTitle } from '@/components/tables/group-lag-cells';
import { atLeast, formatExact, formatRate } from '@/lib/format/format-number';
import { catchUpSummary } from './catch-up-summary';
import { LagSplit } from './lag-split';
import { LagStatusBadge } from './lag-status-badge';
import { groupStatusExplanation } from './lag-status-meaning';

type Headline = Pick<
  GroupResponse,
  | 'status'
  | 'state'
  | 'protocol'
  | 'members'
  | 'totalLag'
  | 'totalLagLowerBound'
  | 'maxTimeLagSeconds'
  | 'maxTimeLagLowerBound'
  | 'maxTimeLagError'
  | 'produceRate'
  | 'consumeRate'
  | 'catchUpSeconds'
  | 'fallingBehindBy'
  | 'lostMessages'
> & { partitions: Pick<GroupResponse['partitions'][number], 'status'>[] };

/**
 * The answers first: status (and what it means, in words a phone shows), how far behind
 * (messages, split into readable and lost, and time), and whether it is catching up.
 */
export function GroupHeadline({ group }: { group: Headline }) {
  const catchUp = catchUpSummary(group);
  return (
    <div className="group-headline" aria-label="Group summary">
      <ul className="stats">
        <li>
          <strong>
            <LagStatusBadge status={group.status} />
          </strong>
          status
        </li>
        <li>
          <strong>{group.state}</strong>
          state ({group.protocol})
        </li>
        <li>
          <strong>{group.members.length}</strong>
          {group.members.length === 1 ? 'member' : 'members'}
        </li>
        <li>
          <strong data-testid="group-total-lag">
            <LagSplit
              lag={group.totalLag}
              lostMessages={group.lostMessages}
              lowerBound={group.totalLagLowerBound}
              title={`${formatExact(group.totalLag)} messages${group.totalLagLowerBound ? `, ${LAG_LOWER_BOUND_TITLE}` : ''}`}
              words
            />
          </strong>
          total lag
        </li>
        <li>
          <strong title={maxTimeLagTitle(group)} data-testid="group-max-time-lag">
            {atLeast(formatDuration(group.maxTimeLagSeconds), group.maxTimeLagLowerBound)}
          </strong>
          {group.maxTimeLagLowerBound ? 'max time lag (at least)' : 'max time lag'}
          {group.maxTimeLagError ? (
            <span className="muted" data-testid="group-max-time-lag-error">
              {' '}
              estimated: {group.maxTimeLagError}
            </span>
          ) : null}
        </li>
        <li>
          <strong>{formatRate(group.produceRate)}</strong>
          produced
        </li>
        <li>
          <strong>{formatRate(group.consumeRate)}</strong>
          consumed
        </li>
      </ul>
      <p className="group-status-meaning" data-testid="group-status-meaning">
        {groupStatusExplanation(
          group.status,
          group.partitions.map((p) => p.status),
        )}
      </p>
      <p className={`group-catch-up group-catch-up-${catchUp.tone}`} data-testid="group-catch-up">
        {catchUp.text}
      </p>
    </div>
  );
}
