// GET /api/metrics — Prometheus text format: kafka-lag-exporter's consumer group metrics and Watermark's own
import { getStore } from '@/lib/collector/runtime';
import { metricsText } from '@/lib/metrics/read-metrics';
import { PROMETHEUS_CONTENT_TYPE } from '@/lib/metrics/prometheus-text';

export const dynamic = 'force-dynamic';

export function GET() {
  return new Response(metricsText(getStore().list()), {
    headers: { 'Content-Type': PROMETHEUS_CONTENT_TYPE, 'Cache-Control': 'no-store' },
  });
}
