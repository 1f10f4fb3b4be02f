import { balanceWarnings } from '@/components/ui/balance-warnings';
import { BreakableName } from '@/components/ui/breakable-name';
import type { GroupResponse } from '@/lib/api/schemas';
import { TableScroll } from './table-scroll';

type Member = GroupResponse['members'][number];

const partitionCount = (member: Member) => member.assignment.reduce((sum, a) => sum + a.partitions.length, 0);

interface GroupMemberTableProps {
  members: Member[];
  balance: GroupResponse['assignmentBalance'];
  state: string;
}

/** Members with what they were assigned, and what is uneven about it. */
export function GroupMemberTable({ members, balance, state }: GroupMemberTableProps) {
  const warnings = balanceWarnings(balance, members);
  if (members.length === 0) {
    return <p className="muted">No active members (the group is {state}): nothing is consuming.</p>;
  }
  return (
    <>
      {warnings.length > 0 ? (
        <ul className="group-balance-warnings" aria-label="Assignment balance">
          {warnings.map((warning) => (
            <li key={warning} className="banner banner-warn">
              {warning}
            </li>
          ))}
        </ul>
      ) : null}
      <TableScroll>
        <table aria-label="Members">
          <thead>
            <tr>
              <th>Client id</th>
              <th>Host</th>
              <th>Member id</th>
              <th>Assignment</th>
              <th className="num">Partitions</th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const count = partitionCount(member);
              return (
                <tr key={member.memberId} data-testid="member-row">
                  <td>
                    <BreakableName name={member.clientId} />
                  </td>
                  <td>{member.host}</td>
                  <td className="group-member-id" title={member.memberId}>
                    {member.memberId}
                  </td>
                  <td>
                    {count === 0 ? (
                      <span className="badge badge-warn">idle</span>
                    ) : (
                      member.assignment
                        .filter((a) => a.partitions.length > 0)
                        .map((a) => `${a.topic}: ${[...a.partitions].sort((x, y) => x - y).join(', ')}`)
                        .join('; ')
                    )}
                  </td>
                  <td className="num">{count}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
