// GET /api/metrics — Prometheus text format: kafka-lag-exporter's consumer group metrics, Watermark's own, and alert states
import { silencedBy } from '@/lib/alerts/cluster-alerts';
import { getAlerts, getStore } from '@/lib/collector/runtime';
import { metricsText } from '@/lib/metrics/read-metrics';
import { PROMETHEUS_CONTENT_TYPE } from '@/lib/metrics/prometheus-text';

export const dynamic = 'force-dynamic';

export function GET() {
  const now = Date.now();
  const states = getStore().list();
  const alerts = states.flatMap((state) => {
    const clusterAlerts = getAlerts(state.id);
    if (!clusterAlerts) return [];
    const silences = clusterAlerts.silences(now);
    return [
      {
        cluster: state.id,
        active: clusterAlerts.active(),
        isSilenced: (a: Parameters<typeof silencedBy>[1]) => silencedBy(silences, a) !== null,
      },
    ];
  });
  return new Response(metricsText(states, now, alerts), {
    headers: { 'Content-Type': PROMETHEUS_CONTENT_TYPE, 'Cache-Control': 'no-store' },
  });
}
