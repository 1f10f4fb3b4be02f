import { describe, expect, it } from 'vitest';
import { AlertPolicy } from '@/lib/alerts/alert-policy';
import { AlertStore } from '@/lib/alerts/alert-store';
import { ClusterAlerts } from '@/lib/alerts/cluster-alerts';
import { openHistoryDatabase } from '@/lib/history/database';
import type { ClusterAlertStates } from '@/lib/metrics/alert-metrics';
import { alertFamilies } from '@/lib/metrics/alert-metrics';
import { addLagExporterSamples, lagExporterFamilies } from '@/lib/metrics/lag-exporter-metrics';
import { toPrometheusText } from '@/lib/metrics/prometheus-text';
import { cycleSegments, metricsText, scrapeSegments } from '@/lib/metrics/read-metrics';
import { addWatermarkSamples, watermarkFamilies } from '@/lib/metrics/watermark-metrics';
import { clusterState } from '../../helpers/cluster-state-builder';

const NOW = 1_005_000;
const prod = clusterState();
const staging = clusterState({ id: 'staging', name: 'staging', error: 'unreachable', historyError: null });

function alertsOf(): ClusterAlertStates[] {
  const alerts = new ClusterAlerts(new AlertStore(openHistoryDatabase(':memory:'), 'prod'), {
    policy: AlertPolicy.of({ forSeconds: 0 }),
  });
  alerts.evaluate(prod, 1_000);
  return [{ cluster: 'prod', active: alerts.active(), isSilenced: () => false }];
}

/** The scrape as it was rendered before it was cut into segments: every family at once. */
function renderedAtOnce(states: (typeof prod)[], alerts: ClusterAlertStates[]): string {
  const lagExporter = lagExporterFamilies();
  const watermark = watermarkFamilies();
  for (const state of states) {
    addLagExporterSamples(lagExporter, state);
    addWatermarkSamples(watermark, state, NOW);
  }
  return toPrometheusText([...Object.values(lagExporter), ...Object.values(watermark), ...alertFamilies(alerts)]);
}

const textOf = (segments: Buffer[]) => Buffer.concat(segments).toString();

describe('scrapeSegments', () => {
  it('gives the same text as rendering every family at once, for several clusters', () => {
    const alerts = alertsOf();
    const states = [prod, staging];
    const expected = renderedAtOnce(states, alerts);
    expect(metricsText(states, NOW, alerts)).toBe(expected);
    const segments = scrapeSegments(
      { states, nowMs: NOW, alerts, service: null, granularity: 'partition' as const },
      cycleSegments(states),
    );
    expect(textOf(segments)).toBe(expected);
  });

  it('takes the per-cycle segments as given and makes only the live ones', () => {
    const cycle = cycleSegments([prod]);
    const later = scrapeSegments(
      { states: [prod], nowMs: NOW + 7_000, alerts: [], service: null, granularity: 'partition' as const },
      cycle,
    );
    for (const segment of cycle) expect(later).toContain(segment);
    expect(textOf(later)).toContain('watermark_cluster_data_age_seconds{cluster_name="prod"} 12\n');
    expect(textOf(later)).toContain('kafka_consumergroup_group_lag{');
  });

  it('shows what changed between cycles without the per-cycle part: a failed attempt', () => {
    const cycle = cycleSegments([prod]);
    const failed = { ...prod, error: 'unreachable' };
    const text = textOf(
      scrapeSegments(
        { states: [failed], nowMs: NOW, alerts: [], service: null, granularity: 'partition' as const },
        cycle,
      ),
    );
    expect(text).toContain('watermark_cluster_up{cluster_name="prod"} 0\n');
  });
});
