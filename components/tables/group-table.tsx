'use client';
import { LOSS_HEADER } from '@/components/ui/loss-countdown';
import type { GroupSummary } from '@/lib/api/schemas';
import type { GroupSortKey } from './group-list-query';
import { GroupRow } from './group-row';
import { SortableHeader } from './sortable-header';
import type { SortDirection } from './sort-order';
import { TableScroll } from './table-scroll';
import { WindowedTable } from './windowed-table';

/**
 * Widths in rem for the windowed layout (fixed, so that columns keep their width as rows scroll
 * in and out); the Group column takes the rest, at least GROUP_MIN_REM. State fits
 * "CompletingRebalance", Lag "8.1k + 4.3k lost".
 */
const COLUMNS: { key: GroupSortKey; label: string; numeric: boolean; widthRem?: number }[] = [
  { key: 'group', label: 'Group', numeric: false },
  { key: 'status', label: 'Status', numeric: false, widthRem: 6.5 },
  { key: 'state', label: 'State', numeric: false, widthRem: 11 },
  { key: 'members', label: 'Members', numeric: true, widthRem: 5.5 },
  { key: 'lag', label: 'Lag', numeric: true, widthRem: 8.5 },
  { key: 'timeLag', label: 'Max time lag', numeric: true, widthRem: 7.5 },
  { key: 'risk', label: LOSS_HEADER, numeric: true, widthRem: 7.5 },
];
const GROUP_MIN_REM = 12;
const WINDOWED_MIN_WIDTH = `${GROUP_MIN_REM + COLUMNS.reduce((sum, c) => sum + (c.widthRem ?? 0), 0)}rem`;

/**
 * Up to this many groups the table is laid out in full in the page, names wrapping; past it
 * the body is windowed (WindowedTable): a thousand groups would put ~20,000 elements in the
 * DOM and render them all again on every poll.
 */
const GROUP_WINDOW_FROM_ROWS = 100;
/** A windowed row's height at the default font size (globals.css, .windowed-row), until measured. */
const GROUP_ROW_ESTIMATE_PX = 37;
const OVERSCAN_ROWS = 10;

interface GroupTableProps {
  cluster: string;
  groups: GroupSummary[];
  sort: GroupSortKey;
  dir: SortDirection;
  onSort: (key: GroupSortKey) => void;
  /** Changes with the filters or sort: a windowed list then scrolls back to its top. */
  resetKey: string;
}

function GroupHeaderRow({
  sort,
  dir,
  onSort,
  windowed,
}: Pick<GroupTableProps, 'sort' | 'dir' | 'onSort'> & { windowed: boolean }) {
  return (
    <tr aria-rowindex={windowed ? 1 : undefined}>
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
  );
}

const groupHref = (cluster: string, groupId: string) =>
  `/clusters/${encodeURIComponent(cluster)}/groups/${encodeURIComponent(groupId)}`;

/** Consumer groups with their status and lag; headers sort, each group name links to its page. */
export function GroupTable({ cluster, groups, sort, dir, onSort, resetKey }: GroupTableProps) {
  if (groups.length > GROUP_WINDOW_FROM_ROWS) {
    return (
      <WindowedTable
        label="Consumer groups"
        testId="groups-scroll"
        className="groups-table"
        columnWidthsRem={COLUMNS.map((column) => column.widthRem)}
        minWidth={WINDOWED_MIN_WIDTH}
        count={groups.length}
        estimatedRowPx={GROUP_ROW_ESTIMATE_PX}
        overscan={OVERSCAN_ROWS}
        resetKey={resetKey}
        header={<GroupHeaderRow sort={sort} dir={dir} onSort={onSort} windowed />}
        renderRows={(start, end) =>
          groups
            .slice(start, end)
            .map((group, i) => (
              <GroupRow key={group.groupId} group={group} index={start + i} href={groupHref(cluster, group.groupId)} />
            ))
        }
      />
    );
  }
  return (
    <TableScroll>
      <table aria-label="Consumer groups" className="groups-table">
        <thead>
          <GroupHeaderRow sort={sort} dir={dir} onSort={onSort} windowed={false} />
        </thead>
        <tbody>
          {groups.map((group) => (
            <GroupRow key={group.groupId} group={group} href={groupHref(cluster, group.groupId)} />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
