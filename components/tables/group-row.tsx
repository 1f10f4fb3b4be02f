import Link from 'next/link';
import { memo } from 'react';
import { BreakableName } from '@/components/ui/breakable-name';
import { LagStatusBadge } from '@/components/ui/lag-status-badge';
import type { GroupSummary } from '@/lib/api/schemas';
import { GroupLagCells } from './group-lag-cells';

interface GroupRowProps {
  group: GroupSummary;
  href: string;
  /** Position in the sorted list, 0-based; set when the list is windowed, which finds rows by it. */
  index?: number;
}

function GroupProblem({ group }: { group: GroupSummary }) {
  if (group.error) {
    return (
      <span className="error" title={group.error}>
        {' '}
        {group.error.startsWith('not authorised') ? '(not authorised)' : '(error)'}
      </span>
    );
  }
  if (group.notAuthorised.length === 0) return null;
  return (
    <span className="muted" title={group.notAuthorised.join('\n')}>
      {' '}
      (not authorised)
    </span>
  );
}

/**
 * One consumer group of the list; memoised, so that a scroll renders only the rows that enter
 * the window and a refetch only the groups whose numbers changed.
 */
export const GroupRow = memo(function GroupRow({ group, href, index }: GroupRowProps) {
  const windowed = index !== undefined;
  return (
    <tr
      className={windowed ? 'windowed-row' : undefined}
      data-testid="group-row"
      data-group={group.groupId}
      data-index={index}
      aria-rowindex={windowed ? index + 2 : undefined}
    >
      {/* A windowed row is one line tall: the name is cut, whole on hover. */}
      <td title={windowed ? group.groupId : undefined}>
        <Link href={href} prefetch={windowed ? false : undefined}>
          <BreakableName name={group.groupId} />
        </Link>
        <GroupProblem group={group} />
      </td>
      <td>
        <LagStatusBadge status={group.status} />
      </td>
      <td>{group.state}</td>
      <td className="num">{group.memberCount}</td>
      <GroupLagCells group={group} />
    </tr>
  );
});
