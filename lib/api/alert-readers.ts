/**
 * GET /api/clusters/{cluster}/alerts: active (pending and firing) and recently
 * resolved alerts, worst first.
 */
import { z } from 'zod';
import type { AlertState } from '../alerts/alert-types';
import { getAlerts } from '../collector/runtime';
import { NotFoundError } from './errors';

export const AlertView = z.object({
  key: z.string(),
  rule: z.string(),
  severity: z.enum(['critical', 'warning', 'info']),
  status: z.enum(['pending', 'firing', 'resolved']),
  subject: z.object({
    cluster: z.string(),
    broker: z.number().optional(),
    topic: z.string().optional(),
    partition: z.number().optional(),
    group: z.string().optional(),
  }),
  value: z.number(),
  threshold: z.number(),
  message: z.string(),
  href: z.string(),
  since: z.number(),
  firedAt: z.number().nullable(),
  resolvedAt: z.number().nullable(),
  lastSeenAt: z.number(),
});
export type AlertView = z.infer<typeof AlertView>;

export const AlertsResponse = z.object({ active: z.array(AlertView), recent: z.array(AlertView) });
export type AlertsResponse = z.infer<typeof AlertsResponse>;

const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const;
const STATUS_RANK = { firing: 0, pending: 1, resolved: 2 } as const;

const byUrgency = (a: AlertState, b: AlertState) =>
  STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
  SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
  a.since - b.since;

export function readAlerts(clusterId: string): AlertsResponse {
  const alerts = getAlerts(clusterId);
  if (!alerts) throw new NotFoundError(`unknown cluster "${clusterId}"`);
  return { active: alerts.active().sort(byUrgency), recent: alerts.recent() };
}
