import Link from 'next/link';
import { LagStatusBadge } from '@/components/ui/lag-status-badge';
import { LOSS_HEADER } from '@/components/ui/loss-countdown';
import type { GroupSummary } from '@/lib/api/schemas';
import { GroupLagCells } from './group-lag-cells';
import { TableScroll } from './table-scroll';
import { BreakableName } from '@/components/ui/breakable-name';

const SEVERITY = { ERR: 0, AHEAD: 1, WARN: 2, OK: 3 } as const;

/**
 * The groups reading a topic: those the topic page names, with their summary from the
 * group list when it has one. Worst status first, then by id.
 */
export function consumingGroups(
  groupIds: string[],
  summaries: GroupSummary[] | undefined,
  topic: string,
): { groupId: string; summary: GroupSummary | undefined }[] {
  const byId = new Map((summaries ?? []).filter((g) => g.topics.includes(topic)).map((g) => [g.groupId, g]));
  const ids = [...new Set([...groupIds, ...byId.keys()])];
  const rank = (id: string) => {
    const status = byId.get(id)?.status;
    return status ? SEVERITY[status] : 4;
  };
  return ids
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((groupId) => ({ groupId, summary: byId.get(groupId) }));
}

interface TopicGroupTableProps {
  cluster: string;
  groups: { groupId: string; summary: GroupSummary | undefined }[];
}

/** The consuming groups with their lag, time lag, status and time to loss: totals over every topic each group reads. */
export function TopicGroupTable({ cluster, groups }: TopicGroupTableProps) {
  if (groups.length === 0) return <p className="muted">No consumer group reads this topic.</p>;
  const groupHref = (id: string) => `/clusters/${encodeURIComponent(cluster)}/groups/${encodeURIComponent(id)}`;
  return (
    <TableScroll>
      <table aria-label="Consumer groups" className="groups-table">
        <thead>
          <tr>
            <th>Group</th>
            <th>Status</th>
            <th>State</th>
            <th className="num">Members</th>
            <th className="num">Lag</th>
            <th className="num">Max time lag</th>
            <th className="num">{LOSS_HEADER}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map(({ groupId, summary }) => (
            <tr
              key={groupId}
              tabIndex={0}
              data-testid="topic-group-row"
              data-group={groupId}
              data-lag={summary?.totalLag ?? ''}
            >
              <td>
                <Link href={groupHref(groupId)}>
                  <BreakableName name={groupId} />
                </Link>
              </td>
              <td>
                <LagStatusBadge status={summary?.status ?? null} />
              </td>
              <td>{summary?.state ?? <span className="muted">–</span>}</td>
              <td className="num">{summary?.memberCount ?? '–'}</td>
              {summary ? (
                <GroupLagCells group={summary} />
              ) : (
                <>
                  <td className="num">–</td>
                  <td className="num">–</td>
                  <td className="num muted">–</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
