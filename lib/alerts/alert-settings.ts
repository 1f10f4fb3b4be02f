/**
 * From the config's top-level and per-cluster `alerts` to one cluster's policy,
 * lifecycle and config silences.
 */
import type { AlertsConfig, ClusterConfig, WatermarkConfig } from '../config/schema';
import type { LifecycleOptions } from './alert-lifecycle';
import { AlertPolicy, type AlertTuning } from './alert-policy';
import type { Silence } from './silences';

export const DEFAULT_RESOLVE_AFTER_SECONDS = 60;

export interface ClusterAlertSettings {
  policy: AlertPolicy;
  lifecycle: LifecycleOptions;
  silences: Silence[];
}

function tuning(config: AlertsConfig | undefined): AlertTuning {
  if (!config) return {};
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { overrides, silences, resolveAfterSeconds, ...rest } = config;
  return rest;
}

/** `loadedAt`: when the config was read; config silences start then. */
export function clusterAlertSettings(
  config: Pick<WatermarkConfig, 'alerts'>,
  cluster: Pick<ClusterConfig, 'id' | 'alerts'>,
  loadedAt: number,
): ClusterAlertSettings {
  const layers = [config.alerts, cluster.alerts];
  const policy = new AlertPolicy(
    layers.map(tuning),
    layers.flatMap((layer) => layer?.overrides ?? []),
  );
  const resolveAfterSeconds =
    cluster.alerts?.resolveAfterSeconds ?? config.alerts?.resolveAfterSeconds ?? DEFAULT_RESOLVE_AFTER_SECONDS;
  const silences = layers
    .flatMap((layer) => layer?.silences ?? [])
    .map((s, index): Silence => ({
      id: `config-${index + 1}`,
      source: 'config',
      cluster: cluster.id,
      match: s.match,
      startsAt: loadedAt,
      endsAt: s.until ? Date.parse(s.until) : null,
      comment: s.comment,
      createdBy: null,
    }));
  return {
    policy,
    lifecycle: { forMs: policy.cluster().forMs, resolveAfterMs: resolveAfterSeconds * 1000 },
    silences,
  };
}
