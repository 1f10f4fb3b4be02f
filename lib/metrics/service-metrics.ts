/**
 * Watermark's health as a service: what is running, how its cycles go per cluster,
 * how its webhooks deliver, and the process and Node.js runtime. Process and runtime
 * metrics use prom-client's default names, so dashboards made for Node.js services apply.
 */
import type { WebhookTargetStats } from '../alerts/notifiers/webhook-notifier';
import { CYCLE_DURATION_BUCKETS_SECONDS, type CycleStatsReading } from '../collector/cycle-stats';
import { GC_DURATION_BUCKETS_SECONDS, type ProcessReading } from './process-metrics';
import { histogramSamples, type Labels, type MetricFamily } from './prometheus-text';

export interface ClusterServiceStats {
  cluster: string;
  cycles: CycleStatsReading;
  webhooks: WebhookTargetStats[];
}

export interface ServiceInput {
  build: { version: string; nodeVersion: string };
  clusters: ClusterServiceStats[];
  /** Null where the process is not read (unit tests of the cluster metrics). */
  process: ProcessReading | null;
}

const family = (name: string, type: MetricFamily['type'], help: string): MetricFamily => ({
  name,
  help,
  type,
  samples: [],
});
const one = (name: string, type: MetricFamily['type'], help: string, value: number, labels: Labels = {}) => ({
  ...family(name, type, help),
  samples: [{ labels, value }],
});

function collectorFamilies(clusters: ClusterServiceStats[]): MetricFamily[] {
  const cycles = family('watermark_collector_cycles_total', 'counter', 'Collection cycles run, good or failed.');
  const failed = family(
    'watermark_collector_cycle_failures_total',
    'counter',
    'Cycles that collected nothing: no broker of the cluster answered.',
  );
  const duration = family(
    'watermark_collector_cycle_duration_seconds',
    'histogram',
    'Whole cycle duration: collection, analysis, history write and alert evaluation.',
  );
  const sent = family(
    'watermark_collector_requests_total',
    'counter',
    'Kafka requests the cycles sent (collection and analysis), whatever their outcome.',
  );
  const requests = family(
    'watermark_collector_request_failures_total',
    'counter',
    'Kafka requests that failed on a broker within otherwise good cycles, per API (one per broker per cycle); requests a broker does not serve are not counted.',
  );
  for (const { cluster, cycles: stats } of clusters) {
    const labels = { cluster_name: cluster };
    cycles.samples.push({ labels, value: stats.cycles });
    failed.samples.push({ labels, value: stats.failedCycles });
    sent.samples.push({ labels, value: stats.requests });
    duration.samples.push(
      ...histogramSamples(
        labels,
        CYCLE_DURATION_BUCKETS_SECONDS,
        stats.durationBucketCounts,
        stats.durationSecondsSum,
        stats.cycles,
      ),
    );
    for (const [operation, value] of stats.requestFailures) {
      requests.samples.push({ labels: { ...labels, operation }, value });
    }
  }
  return [cycles, failed, duration, sent, requests];
}

function webhookFamilies(clusters: ClusterServiceStats[]): MetricFamily[] {
  const depth = family(
    'watermark_webhook_queue_depth',
    'gauge',
    'Notifications waiting for the webhook, the one being sent included.',
  );
  const delivered = family('watermark_webhook_delivered_total', 'counter', 'Notifications the webhook accepted.');
  const failures = family(
    'watermark_webhook_failed_attempts_total',
    'counter',
    'Deliveries that failed (an error status, no answer in time, unreachable), retried or not.',
  );
  const dropped = family(
    'watermark_webhook_dropped_total',
    'counter',
    'Notifications never delivered, by reason: gave_up (after every attempt), rejected (a 4xx other than 408 and 429), queue_full (the oldest pushed out).',
  );
  for (const { cluster, webhooks } of clusters) {
    for (const hook of webhooks) {
      // The target is the URL's origin only: the rest of a webhook URL is often its secret.
      const labels = { cluster_name: cluster, webhook: String(hook.index), target: hook.target };
      depth.samples.push({ labels, value: hook.queued });
      delivered.samples.push({ labels, value: hook.delivered });
      failures.samples.push({ labels, value: hook.failedAttempts });
      dropped.samples.push(
        { labels: { ...labels, reason: 'gave_up' }, value: hook.dropped.gaveUp },
        { labels: { ...labels, reason: 'rejected' }, value: hook.dropped.rejected },
        { labels: { ...labels, reason: 'queue_full' }, value: hook.dropped.queueFull },
      );
    }
  }
  return [depth, delivered, failures, dropped];
}

function processFamilies(p: ProcessReading): MetricFamily[] {
  const families = [
    one('process_cpu_user_seconds_total', 'counter', 'User CPU time spent, in seconds.', p.cpuUserSeconds),
    one('process_cpu_system_seconds_total', 'counter', 'System CPU time spent, in seconds.', p.cpuSystemSeconds),
    one(
      'process_cpu_seconds_total',
      'counter',
      'User and system CPU time spent, in seconds.',
      p.cpuUserSeconds + p.cpuSystemSeconds,
    ),
    one(
      'process_start_time_seconds',
      'gauge',
      'Start time of the process, in seconds since the epoch.',
      p.startTimeSeconds,
    ),
    one('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.', p.residentMemoryBytes),
    one('nodejs_heap_size_total_bytes', 'gauge', 'V8 heap size in bytes.', p.heapTotalBytes),
    one('nodejs_heap_size_used_bytes', 'gauge', 'V8 heap used in bytes.', p.heapUsedBytes),
    one(
      'nodejs_external_memory_bytes',
      'gauge',
      'Memory of C++ objects bound to JavaScript (buffers among them), in bytes.',
      p.externalMemoryBytes,
    ),
  ];
  if (p.openFds !== null) {
    families.push(one('process_open_fds', 'gauge', 'Open file descriptors (sockets included).', p.openFds));
  }
  const delay = p.eventLoopDelaySeconds;
  if (delay) {
    const since = 'since the previous scrape (the last window with a sample if none since), in seconds';
    families.push(
      one('nodejs_eventloop_lag_p50_seconds', 'gauge', `Median event loop delay ${since}.`, delay.p50),
      one('nodejs_eventloop_lag_p90_seconds', 'gauge', `90th percentile event loop delay ${since}.`, delay.p90),
      one('nodejs_eventloop_lag_p99_seconds', 'gauge', `99th percentile event loop delay ${since}.`, delay.p99),
      one('nodejs_eventloop_lag_max_seconds', 'gauge', `Longest event loop delay ${since}.`, delay.max),
      one('nodejs_eventloop_lag_mean_seconds', 'gauge', `Mean event loop delay ${since}.`, delay.mean),
    );
  }
  const gc = family('nodejs_gc_duration_seconds', 'histogram', 'Garbage collection pauses by kind, in seconds.');
  for (const g of p.gc) {
    gc.samples.push(
      ...histogramSamples({ kind: g.kind }, GC_DURATION_BUCKETS_SECONDS, g.bucketCounts, g.sumSeconds, g.count),
    );
  }
  return [...families, gc];
}

export function serviceFamilies(input: ServiceInput): MetricFamily[] {
  return [
    one('watermark_build_info', 'gauge', 'Always 1: the running version of Watermark and of Node.js.', 1, {
      version: input.build.version,
      node_version: input.build.nodeVersion,
    }),
    ...collectorFamilies(input.clusters),
    ...webhookFamilies(input.clusters),
    ...(input.process ? processFamilies(input.process) : []),
  ];
}
