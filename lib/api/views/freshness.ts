import type { ClusterState } from '../../collector/snapshot';
import type { ConnectionFailureKind } from '../../kafka/connection-failure';

/** Data older than this many poll intervals is stale even without a failed cycle (a cycle stuck on a hung broker). */
export const STALE_AFTER_POLLS = 3;

/** collectedAt of the data shown, and whether it is stale: a newer attempt failed, or none finished for a while. */
export function freshness(
  state: ClusterState,
  nowMs = Date.now(),
): { collectedAt: number; stale: boolean; error?: string; errorKind?: ConnectionFailureKind } {
  const collectedAt = state.snapshot!.collectedAt;
  const overdue = nowMs - collectedAt > STALE_AFTER_POLLS * state.pollIntervalMs;
  const error =
    state.error ?? (overdue ? `no collection cycle finished for ${Math.round((nowMs - collectedAt) / 1000)} s` : null);
  const errorKind = state.error !== null ? (state.errorKind ?? 'unreachable') : null;
  return { collectedAt, stale: error !== null, ...(error ? { error } : {}), ...(errorKind ? { errorKind } : {}) };
}
