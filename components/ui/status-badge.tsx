import type { ClusterStatus } from '@/lib/api/schemas';
import { FAILURE_BADGE } from '@/lib/format/connection-failure-wording';
import type { ConnectionFailureKind } from '@/lib/kafka/connection-failure';

const LABELS: Record<ClusterStatus, string> = { ok: 'OK', degraded: 'Degraded', unreachable: 'Unreachable' };

/**
 * Same colours and words on every page: ok = green, degraded = amber, unreachable = red;
 * an unreachable cluster is named by why (a refused sign-in is not a network outage).
 */
export function StatusBadge({ status, errorKind }: { status: ClusterStatus; errorKind?: ConnectionFailureKind }) {
  const label = status === 'unreachable' && errorKind ? FAILURE_BADGE[errorKind] : LABELS[status];
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      {label}
    </span>
  );
}
