/**
 * The alerts API: active (pending and firing) and recently resolved alerts per
 * cluster and for all clusters, worst first; silences in effect; making and
 * expiring silences from the UI.
 */
import type { AlertState } from '../alerts/alert-types';
import { silencedBy, type ClusterAlerts } from '../alerts/cluster-alerts';
import { matchesEverything, type Silence } from '../alerts/silences';
import { getAlerts, getClusterIds, getHistoryOff, getStore } from '../collector/runtime';
import { log } from '../log/logger';
import { historyHealth } from './health';
import {
  CreateSilenceRequest,
  type AlertsResponse,
  type AlertView,
  type AllAlertsResponse,
  type SilenceView,
} from './alert-schemas';
import { BadRequestError, ConflictError, NotFoundError } from './errors';
import type { Actor } from '../auth/request-access';

const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const;
const STATUS_RANK = { firing: 0, pending: 1, resolved: 2 } as const;

const byUrgency = (a: AlertState, b: AlertState) =>
  STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
  SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
  a.since - b.since;

const byResolvedDesc = (a: AlertView, b: AlertView) => (b.resolvedAt ?? 0) - (a.resolvedAt ?? 0);

function alertView(alert: AlertState, silences: Silence[]): AlertView {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- policy and delivery state, not for readers
  const { forMs, notified, inhibitedBy, ...view } = alert;
  return {
    ...view,
    silencedBy: alert.status === 'resolved' ? null : (silencedBy(silences, alert)?.id ?? null),
    inhibitedBy: inhibitedBy ?? null,
  };
}

/** A silence already has exactly the view's fields. */
const silenceView = (silence: Silence): SilenceView => ({ ...silence });

function clusterAlerts(clusterId: string): ClusterAlerts {
  const alerts = getAlerts(clusterId);
  if (!alerts) throw new NotFoundError(`unknown cluster "${clusterId}"`);
  return alerts;
}

export function readAlerts(clusterId: string, nowMs = Date.now()): AlertsResponse {
  const alerts = clusterAlerts(clusterId);
  const silences = alerts.silences(nowMs);
  return {
    active: alerts
      .active()
      .sort(byUrgency)
      .map((a) => alertView(a, silences)),
    recent: alerts.recent().map((a) => alertView(a, silences)),
    silences: silences.map(silenceView),
    endedSilences: alerts.endedSilences(nowMs).map((s) => ({ ...s })),
  };
}

/** `visible`: which clusters the asker may see (request-access.ts's clusterFilter). */
export function readAllAlerts(
  visible: (clusterId: string) => boolean = () => true,
  nowMs = Date.now(),
): AllAlertsResponse {
  const clusters: AllAlertsResponse['clusters'] = [];
  const active: AlertView[] = [];
  const recent: AlertView[] = [];
  for (const { id, name } of getClusterIds()) {
    if (!visible(id)) continue;
    const one = readAlerts(id, nowMs);
    const causes = one.active.filter((a) => a.inhibitedBy === null);
    clusters.push({
      id,
      name,
      firing: causes.filter((a) => a.status === 'firing').length,
      pending: causes.filter((a) => a.status === 'pending').length,
      inhibited: one.active.length - causes.length,
    });
    active.push(...one.active);
    recent.push(...one.recent);
  }
  return {
    clusters,
    active,
    recent: recent.sort(byResolvedDesc).slice(0, 100),
    history: historyHealth(
      getStore()
        .list()
        .filter((state) => visible(state.id)),
      getHistoryOff(),
    ),
  };
}

/**
 * POST body → a silence of this cluster; a bad body is a 400 naming the field. Who made it
 * is kept with it; the log also says where they asked from.
 */
export function createSilence(clusterId: string, body: unknown, actor: Actor, nowMs = Date.now()): SilenceView {
  const alerts = clusterAlerts(clusterId);
  const parsed = CreateSilenceRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequestError(`${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  const store = alerts.silenceStore();
  if (!store) throw new ConflictError('silences are not enabled for this cluster');
  const { match, durationMinutes, comment, confirmAll } = parsed.data;
  if (matchesEverything(match) && confirmAll !== true) {
    throw new BadRequestError(
      `match: ${JSON.stringify(match)} mutes every such alert of cluster "${clusterId}": send confirmAll: true to mean it`,
    );
  }
  const silence = store.create(match, durationMinutes * 60_000, comment, actor.name, nowMs);
  if ('refused' in silence) throw new ConflictError(silence.refused);
  log.info(
    {
      component: 'silences',
      cluster: clusterId,
      silence: silence.id,
      by: actor.name,
      source: actor.source,
      match,
      durationMinutes,
    },
    `silence ${silence.id} created on cluster ${clusterId} by ${actor.name} (${actor.source}): match ${JSON.stringify(match)} for ${durationMinutes} min`,
  );
  return silenceView(silence);
}

export function expireSilence(clusterId: string, silenceId: string, actor: Actor, nowMs = Date.now()): null {
  const result = clusterAlerts(clusterId).silenceStore()?.expire(silenceId, actor.name, nowMs) ?? 'not-found';
  if (result === 'from-config') {
    throw new ConflictError(`silence ${silenceId} comes from the config file: remove it there`);
  }
  if (result === 'not-found') throw new NotFoundError(`no silence "${silenceId}" in effect on cluster "${clusterId}"`);
  log.info(
    { component: 'silences', cluster: clusterId, silence: silenceId, by: actor.name, source: actor.source },
    `silence ${silenceId} ended on cluster ${clusterId} by ${actor.name} (${actor.source})`,
  );
  return null;
}
