import Link from 'next/link';
import { LagStatusBadge } from '@/components/ui/lag-status-badge';
import { LOSS_HEADER } from '@/components/ui/loss-countdown';
import type { GroupSummary } from '@/lib/api/schemas';
import { GroupLagCells } from './group-lag-cells';
import { TableScroll } from './table-scroll';
import { BreakableName } from '@/components/ui/breakable-name';

/** The groups to look at first (already ranked), each linking to its page. */
export function WorstGroupTable({ cluster, groups }: { cluster: string; groups: GroupSummary[] }) {
  if (groups.length === 0) return <p className="muted">No consumer groups with committed offsets.</p>;
  return (
    <TableScroll>
      <table aria-label="Groups to look at first">
        <thead>
          <tr>
            <th>Group</th>
            <th>Status</th>
            <th className="num">Lag</th>
            <th className="num">Max time lag</th>
            <th className="num">{LOSS_HEADER}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.groupId} data-testid={`worst-group-${g.groupId}`}>
              <td>
                <Link href={`/clusters/${encodeURIComponent(cluster)}/groups/${encodeURIComponent(g.groupId)}`}>
                  <BreakableName name={g.groupId} />
                </Link>
              </td>
              <td>
                <LagStatusBadge status={g.status} />
              </td>
              <GroupLagCells group={g} />
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
