import type { GroupStatus } from '@/lib/api/schemas';

type LagStatus = 'OK' | 'WARN' | 'STOP' | 'STALL' | 'REWIND' | 'AHEAD';

/** Severity colour shared by every page: ok green, warn amber, err red. */
const TONE: Record<GroupStatus | LagStatus, 'ok' | 'warn' | 'err'> = {
  OK: 'ok',
  WARN: 'warn',
  ERR: 'err',
  STOP: 'err',
  STALL: 'err',
  REWIND: 'err',
  AHEAD: 'warn',
};

const ICON = { ok: '●', warn: '▲', err: '■' } as const;

const MEANING: Record<GroupStatus | LagStatus, string> = {
  OK: 'keeping up',
  WARN: 'lag has not decreased over the window',
  ERR: 'a partition is stopped, stalled or rewound',
  STOP: 'no commits for longer than the window: the consumer stopped',
  STALL: 'consumer alive but its offset does not move while lag remains',
  REWIND: 'the committed offset went backwards',
  AHEAD:
    'committed past the end of the log (topic recreated or truncated): the consumer will reset by auto.offset.reset',
};

/** A group's or partition's lag status: colour, shape and word, so it reads without colour too. */
export function LagStatusBadge({ status }: { status: GroupStatus | LagStatus | null }) {
  if (status === null) {
    return (
      <span className="badge badge-none" title="nothing committed yet">
        –
      </span>
    );
  }
  const tone = TONE[status];
  return (
    <span className={`badge badge-${tone}`} data-status={status} title={MEANING[status]}>
      <span aria-hidden="true">{ICON[tone]} </span>
      {status}
    </span>
  );
}
