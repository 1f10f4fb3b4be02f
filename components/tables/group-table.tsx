import Link from 'next/link';
import { LagStatusBadge } from '@/components/ui/lag-status-badge';
import { LOSS_HEADER } from '@/components/ui/loss-countdown';
import type { GroupSummary } from '@/lib/api/schemas';
import { GroupLagCells } from './group-lag-cells';
import type { GroupSortKey } from './group-list-query';
import { SortableHeader } from './sortable-header';
import type { SortDirection } from './sort-order';
import { TableScroll } from './table-scroll';
import { BreakableName } from '@/components/ui/breakable-name';

const COLUMNS: { key: GroupSortKey; label: string; numeric: boolean }[] = [
  { key: 'group', label: 'Group', numeric: false },
  { key: 'status', label: 'Status', numeric: false },
  { key: 'state', label: 'State', numeric: false },
  { key: 'members', label: 'Members', numeric: true },
  { key: 'lag', label: 'Lag', numeric: true },
  { key: 'timeLag', label: 'Max time lag', numeric: true },
  { key: 'risk', label: LOSS_HEADER, numeric: true },
];

interface GroupTableProps {
  cluster: string;
  groups: GroupSummary[];
  sort: GroupSortKey;
  dir: SortDirection;
  onSort: (key: GroupSortKey) => void;
}

/** Consumer groups with their status and lag; headers sort, each group name links to its page. */
export function GroupTable({ cluster, groups, sort, dir, onSort }: GroupTableProps) {
  const groupHref = (groupId: string) =>
    `/clusters/${encodeURIComponent(cluster)}/groups/${encodeURIComponent(groupId)}`;
  return (
    <TableScroll>
      <table aria-label="Consumer groups" className="groups-table">
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <SortableHeader
                key={column.key}
                column={column.key}
                label={column.label}
                numeric={column.numeric}
                sort={sort}
                dir={dir}
                onSort={onSort}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.groupId} data-testid="group-row" data-group={group.groupId}>
              <td>
                <Link href={groupHref(group.groupId)}>
                  <BreakableName name={group.groupId} />
                </Link>
                {group.error ? (
                  <span className="error" title={group.error}>
                    {' '}
                    {group.error.startsWith('not authorised') ? '(not authorised)' : '(error)'}
                  </span>
                ) : group.notAuthorised.length > 0 ? (
                  <span className="muted" title={group.notAuthorised.join('\n')}>
                    {' '}
                    (not authorised)
                  </span>
                ) : null}
              </td>
              <td>
                <LagStatusBadge status={group.status} />
              </td>
              <td>{group.state}</td>
              <td className="num">{group.memberCount}</td>
              <GroupLagCells group={group} />
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
