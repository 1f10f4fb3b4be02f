import type { ClusterState } from '../../collector/snapshot';

/** collectedAt of the data shown, and whether a newer attempt failed. Needs a snapshot. */
export function freshness(state: ClusterState): { collectedAt: number; stale: boolean; error?: string } {
  return {
    collectedAt: state.snapshot!.collectedAt,
    stale: state.error !== null,
    ...(state.error ? { error: state.error } : {}),
  };
}
