// GET /api/metrics — Prometheus text format: kafka-lag-exporter's consumer group metrics, Watermark's own, alert states, and the service's health
import { metricsResponse } from '@/lib/metrics/read-metrics';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return metricsResponse(request);
}
