import type { ClusterStatus } from '@/lib/api/schemas';

const LABELS: Record<ClusterStatus, string> = { ok: 'OK', degraded: 'Degraded', unreachable: 'Unreachable' };

/** Same colours and words on every page: ok = green, degraded = amber, unreachable = red. */
export function StatusBadge({ status }: { status: ClusterStatus }) {
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      {LABELS[status]}
    </span>
  );
}
