import Link from 'next/link';
import { LagStatusBadge } from '@/components/ui/lag-status-badge';
import { LossCountdown } from '@/components/ui/loss-countdown';
import type { GroupSummary } from '@/lib/api/schemas';
import { formatDuration } from '@/lib/format/format-duration';
import { formatCount, formatExact } from '@/lib/format/format-number';
import type { GroupSortKey, SortDirection } from './group-list-query';

const COLUMNS: { key: GroupSortKey; label: string; numeric: boolean }[] = [
  { key: 'group', label: 'Group', numeric: false },
  { key: 'status', label: 'Status', numeric: false },
  { key: 'state', label: 'State', numeric: false },
  { key: 'members', label: 'Members', numeric: true },
  { key: 'lag', label: 'Lag', numeric: true },
  { key: 'timeLag', label: 'Max time lag', numeric: true },
  { key: 'risk', label: 'Retention', numeric: true },
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
    <table aria-label="Consumer groups" className="groups-table">
      <thead>
        <tr>
          {COLUMNS.map((column) => (
            <th
              key={column.key}
              className={column.numeric ? 'num' : undefined}
              aria-sort={sort === column.key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              <button type="button" className="groups-sort" onClick={() => onSort(column.key)}>
                {column.label}
                <span aria-hidden="true">{sort === column.key ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => (
          <tr key={group.groupId} data-testid="group-row" data-group={group.groupId}>
            <td>
              <Link href={groupHref(group.groupId)}>{group.groupId}</Link>
              {group.error ? (
                <span className="error" title={group.error}>
                  {' '}
                  (error)
                </span>
              ) : null}
            </td>
            <td>
              <LagStatusBadge status={group.status} />
            </td>
            <td>{group.state}</td>
            <td className="num">{group.memberCount}</td>
            <td className="num" title={formatExact(group.totalLag)}>
              {formatCount(group.totalLag)}
            </td>
            <td className="num">{formatDuration(group.maxTimeLagSeconds)}</td>
            <td className="num">
              <LossCountdown lostMessages={group.lostMessages} secondsUntilLoss={group.secondsUntilLoss} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
