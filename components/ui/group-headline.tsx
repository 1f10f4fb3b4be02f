import type { GroupResponse } from '@/lib/api/schemas';
import { formatDuration } from '@/lib/format/format-duration';
import { LAG_LOWER_BOUND_TITLE, maxTimeLagTitle } from '@/components/tables/group-lag-cells';
import { atLeast, formatCount, formatExact, formatRate } from '@/lib/format/format-number';
import { catchUpSummary } from './catch-up-summary';
import { LagStatusBadge } from './lag-status-badge';

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
>;

/** The answers first: status, how far behind (messages and time), and whether it is catching up. */
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
          <strong
            title={`${formatExact(group.totalLag)} messages${group.totalLagLowerBound ? `, ${LAG_LOWER_BOUND_TITLE}` : ''}`}
            data-testid="group-total-lag"
          >
            {atLeast(formatCount(group.totalLag), group.totalLagLowerBound)}
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
      <p className={`group-catch-up group-catch-up-${catchUp.tone}`} data-testid="group-catch-up">
        {catchUp.text}
      </p>
    </div>
  );
}
