/**
 * Readiness: whether each cluster's last cycle succeeded and how old its data is.
 * A cluster is ready when its last cycle succeeded within three poll intervals.
 */
import { z } from 'zod';
import type { ClusterState } from '../collector/snapshot';
import { STALE_AFTER_POLLS } from './views/freshness';

export const ClusterHealth = z.object({
  id: z.string(),
  ready: z.boolean(),
  lastSuccessAt: z.number().nullable(),
  /** Seconds since the last successful cycle; null before the first. */
  ageSeconds: z.number().nullable(),
  error: z.string().nullable(),
  /** Why this cluster's history cannot be written, or null. */
  historyError: z.string().nullable(),
});

/**
 * The history database as a whole: `off` when it could not be opened and the config let
 * the server run without it, `failing` while a cluster's writes fail (a full disk).
 * Neither makes the server not ready: it still collects, serves and alerts.
 */
export const HistoryHealth = z.object({
  status: z.enum(['ok', 'failing', 'off']),
  error: z.string().nullable(),
  /** Epoch ms of the first failure still going on. */
  since: z.number().nullable(),
});
export type HistoryHealth = z.infer<typeof HistoryHealth>;

/**
 * Several replicas sharing a PostgreSQL: which replica answered, and per cluster whether it
 * polls it or follows the one that does (`owner`, since `ownerSince`). Absent for one process.
 */
export const ReplicaHealth = z.object({
  replica: z.string(),
  leaseTtlMs: z.number(),
  clusters: z.array(
    z.object({
      id: z.string(),
      role: z.enum(['polls', 'follows']).nullable(),
      owner: z.string().nullable(),
      ownerSince: z.number().nullable(),
    }),
  ),
  /** Why the leases could not be read now (the database away). */
  error: z.string().nullable(),
});
export type ReplicaHealth = z.infer<typeof ReplicaHealth>;

export const HealthResponse = z.object({
  status: z.enum(['ready', 'not-ready']),
  clusters: z.array(ClusterHealth),
  history: HistoryHealth,
  replicas: ReplicaHealth.optional(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export function clusterHealth(state: ClusterState, nowMs: number): z.infer<typeof ClusterHealth> {
  const age = state.lastSuccessAt === null ? null : (nowMs - state.lastSuccessAt) / 1000;
  const fresh = age !== null && age * 1000 <= STALE_AFTER_POLLS * state.pollIntervalMs;
  // Metadata alone can succeed while every broker fails the rest: that is not ready.
  const brokersDown = state.snapshot !== null && state.snapshot.brokers.every((b) => !b.reachable);
  return {
    id: state.id,
    ready: fresh && state.error === null && !brokersDown,
    lastSuccessAt: state.lastSuccessAt,
    ageSeconds: age,
    error: state.error ?? (brokersDown ? 'no broker answers' : null),
    historyError: state.historyError?.message ?? null,
  };
}

export function historyHealth(states: ClusterState[], historyOff: string | null): HistoryHealth {
  if (historyOff !== null) return { status: 'off', error: historyOff, since: null };
  const failing = states
    .map((s) => s.historyError)
    .filter((e) => e !== null)
    .sort((a, b) => a.since - b.since)[0];
  return failing
    ? { status: 'failing', error: failing.message, since: failing.since }
    : { status: 'ok', error: null, since: null };
}

export function health(states: ClusterState[], historyOff: string | null, nowMs: number = Date.now()): HealthResponse {
  const clusters = states.map((s) => clusterHealth(s, nowMs));
  return {
    status: clusters.every((c) => c.ready) ? 'ready' : 'not-ready',
    clusters,
    history: historyHealth(states, historyOff),
  };
}
