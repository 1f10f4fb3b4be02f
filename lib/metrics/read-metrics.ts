/**
 * GET /api/metrics: every cluster's metrics in the Prometheus text format, from the
 * collector's latest state (a scrape never reaches Kafka).
 */
import type { ClusterState } from '../collector/snapshot';
import { alertFamilies, type ClusterAlertStates } from './alert-metrics';
import { addLagExporterSamples, lagExporterFamilies } from './lag-exporter-metrics';
import { toPrometheusText } from './prometheus-text';
import { addWatermarkSamples, watermarkFamilies } from './watermark-metrics';

export function metricsText(
  states: ClusterState[],
  nowMs: number = Date.now(),
  alerts: ClusterAlertStates[] = [],
): string {
  const lagExporter = lagExporterFamilies();
  const watermark = watermarkFamilies();
  for (const state of states) {
    addLagExporterSamples(lagExporter, state);
    addWatermarkSamples(watermark, state, nowMs);
  }
  return toPrometheusText([...Object.values(lagExporter), ...Object.values(watermark), ...alertFamilies(alerts)]);
}
