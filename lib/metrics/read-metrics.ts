/**
 * GET /api/metrics: every cluster's metrics in the Prometheus text format, from the
 * collector's latest state (a scrape never reaches Kafka), then Watermark's own health.
 */
import { silencedBy } from '../alerts/cluster-alerts';
import { getAlerts, getServiceStats, getStore } from '../collector/runtime';
import type { ClusterState } from '../collector/snapshot';
import { alertFamilies, type ClusterAlertStates } from './alert-metrics';
import { BUILD_INFO } from './build-info';
import { addLagExporterSamples, lagExporterFamilies } from './lag-exporter-metrics';
import { readProcess } from './process-metrics';
import { toPrometheusText } from './prometheus-text';
import { serviceFamilies, type ServiceInput } from './service-metrics';
import { addWatermarkSamples, watermarkFamilies } from './watermark-metrics';

export function metricsText(
  states: ClusterState[],
  nowMs: number = Date.now(),
  alerts: ClusterAlertStates[] = [],
  service: ServiceInput | null = null,
): string {
  const lagExporter = lagExporterFamilies();
  const watermark = watermarkFamilies();
  for (const state of states) {
    addLagExporterSamples(lagExporter, state);
    addWatermarkSamples(watermark, state, nowMs);
  }
  return toPrometheusText([
    ...Object.values(lagExporter),
    ...Object.values(watermark),
    ...alertFamilies(alerts),
    ...(service ? serviceFamilies(service) : []),
  ]);
}

/** The scrape: the running collector's clusters, alerts and cycles, and this process. */
export function readMetricsText(nowMs: number = Date.now()): string {
  const states = getStore().list();
  const alerts = states.flatMap((state) => {
    const clusterAlerts = getAlerts(state.id);
    if (!clusterAlerts) return [];
    const silences = clusterAlerts.silences(nowMs);
    return [
      {
        cluster: state.id,
        active: clusterAlerts.active(),
        isSilenced: (a: Parameters<typeof silencedBy>[1]) => silencedBy(silences, a) !== null,
      },
    ];
  });
  const service = { build: BUILD_INFO, clusters: getServiceStats(), process: readProcess() };
  return metricsText(states, nowMs, alerts, service);
}
