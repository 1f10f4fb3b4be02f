/**
 * Readiness: whether each cluster's last cycle succeeded and how old its data is.
 * A cluster is ready when its last cycle succeeded within three poll intervals.
 */
import { z } from 'zod';
import type { ClusterState } from '../collector/snapshot';

export const ClusterHealth = z.object({
  id: z.string(),
  ready: z.boolean(),
  lastSuccessAt: z.number().nullable(),
  /** Seconds since the last successful cycle; null before the first. */
  ageSeconds: z.number().nullable(),
  error: z.string().nullable(),
});

export const HealthResponse = z.object({
  status: z.enum(['ready', 'not-ready']),
  clusters: z.array(ClusterHealth),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

const STALE_AFTER_POLLS = 3;

export function clusterHealth(state: ClusterState, nowMs: number): z.infer<typeof ClusterHealth> {
  const age = state.lastSuccessAt === null ? null : (nowMs - state.lastSuccessAt) / 1000;
  const fresh = age !== null && age * 1000 <= STALE_AFTER_POLLS * state.pollIntervalMs;
  return {
    id: state.id,
    ready: fresh && state.error === null,
    lastSuccessAt: state.lastSuccessAt,
    ageSeconds: age,
    error: state.error,
  };
}

export function health(states: ClusterState[], nowMs: number = Date.now()): HealthResponse {
  const clusters = states.map((s) => clusterHealth(s, nowMs));
  return { status: clusters.every((c) => c.ready) ? 'ready' : 'not-ready', clusters };
}
