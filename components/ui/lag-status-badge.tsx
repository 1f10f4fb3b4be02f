import { NO_STATUS_MEANING, STATUS_MEANING, type AnyLagStatus } from './lag-status-meaning';

/** Severity colour shared by every page: ok green, warn amber, err red. */
const TONE: Record<AnyLagStatus, 'ok' | 'warn' | 'err'> = {
  OK: 'ok',
  WARN: 'warn',
  ERR: 'err',
  STOP: 'err',
  STALL: 'err',
  REWIND: 'err',
  AHEAD: 'warn',
};

const ICON = { ok: '●', warn: '▲', err: '■' } as const;

/** A group's or partition's lag status: colour, shape and word, so it reads without colour too. */
export function LagStatusBadge({ status }: { status: AnyLagStatus | null }) {
  if (status === null) {
    return (
      <span className="badge badge-none" title={NO_STATUS_MEANING}>
        –
      </span>
    );
  }
  const tone = TONE[status];
  return (
    <span className={`badge badge-${tone}`} data-status={status} title={STATUS_MEANING[status]}>
      <span aria-hidden="true">{ICON[tone]} </span>
      {status}
    </span>
  );
}
