// GET /api/metrics — Prometheus text format: kafka-lag-exporter's consumer group metrics, Watermark's own, alert states, and the service's health
import { readMetricsText } from '@/lib/metrics/read-metrics';
import { PROMETHEUS_CONTENT_TYPE } from '@/lib/metrics/prometheus-text';

export const dynamic = 'force-dynamic';

export function GET() {
  return new Response(readMetricsText(), {
    headers: { 'Content-Type': PROMETHEUS_CONTENT_TYPE, 'Cache-Control': 'no-store' },
  });
}
