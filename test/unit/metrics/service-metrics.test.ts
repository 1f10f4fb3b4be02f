import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { CycleStats } from '@/lib/collector/cycle-stats';
import { readProcess } from '@/lib/metrics/process-metrics';
import { histogramSamples, toPrometheusText } from '@/lib/metrics/prometheus-text';
import { serviceFamilies, type ServiceInput } from '@/lib/metrics/service-metrics';
import type { ProcessReading } from '@/lib/metrics/process-metrics';

const linesOf = (text: string, name: string) =>
  text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));

function cycles(): CycleStats {
  const stats = new CycleStats();
  stats.record(80, false, [], 40);
  stats.record(
    400,
    false,
    [
      { operation: 'ListOffsets', broker: 2, message: 'Connection closed' },
      { operation: 'ListOffsets', broker: 3, message: 'Connection closed' },
      { operation: 'DescribeLogDirs', broker: 2, message: 'Connection closed' },
      { operation: 'ConsumerGroupDescribe', broker: 1, message: 'needs Kafka 3.7', notServed: true },
    ],
    45,
  );
  stats.record(5_000, true, [], 3);
  return stats;
}

const processReading: ProcessReading = {
  residentMemoryBytes: 150_000_000,
  heapUsedBytes: 40_000_000,
  heapTotalBytes: 60_000_000,
  externalMemoryBytes: 3_000_000,
  cpuUserSeconds: 12.5,
  cpuSystemSeconds: 2.5,
  startTimeSeconds: 1_777_000_000,
  openFds: 42,
  eventLoopDelaySeconds: { p50: 0.0101, p90: 0.0105, p99: 0.012, max: 0.05, mean: 0.0102 },
  gc: [{ kind: 'minor', bucketCounts: [3, 5, 5, 5, 5, 5], sumSeconds: 0.012, count: 5 }],
};

const input: ServiceInput = {
  build: { version: '0.1.0', nodeVersion: 'v20.19.0' },
  clusters: [
    {
      cluster: 'prod',
      cycles: cycles().read(),
      webhooks: [
        {
          target: 'https://hooks.slack.com/…',
          index: 0,
          queued: 2,
          delivered: 10,
          failedAttempts: 4,
          dropped: { gaveUp: 1, rejected: 0, queueFull: 0 },
        },
      ],
    },
  ],
  process: processReading,
};
const text = toPrometheusText(serviceFamilies(input));

describe('histogramSamples', () => {
  it('writes a cumulative bucket per bound, +Inf with every observation, then _sum and _count', () => {
    const histogram = toPrometheusText([
      {
        name: 'd_seconds',
        help: 'h',
        type: 'histogram',
        samples: histogramSamples({ c: 'a' }, [0.1, 1], [1, 2], 5.3, 3),
      },
    ]);
    expect(histogram).toBe(
      [
        '# HELP d_seconds h',
        '# TYPE d_seconds histogram',
        'd_seconds_bucket{c="a",le="0.1"} 1',
        'd_seconds_bucket{c="a",le="1"} 2',
        'd_seconds_bucket{c="a",le="+Inf"} 3',
        'd_seconds_sum{c="a"} 5.3',
        'd_seconds_count{c="a"} 3',
        '',
      ].join('\n'),
    );
  });
});

describe('serviceFamilies', () => {
  it('is valid Prometheus text', () => {
    expect(() => parsePrometheusTextFormat(text)).not.toThrow();
    expect(text).toContain('# TYPE watermark_collector_cycle_duration_seconds histogram\n');
  });

  it('says which version runs on which Node.js', () => {
    expect(linesOf(text, 'watermark_build_info')).toEqual([
      'watermark_build_info{version="0.1.0",node_version="v20.19.0"} 1',
    ]);
  });

  it('counts cycles, failed cycles and their durations per cluster', () => {
    expect(linesOf(text, 'watermark_collector_cycles_total')).toEqual([
      'watermark_collector_cycles_total{cluster_name="prod"} 3',
    ]);
    expect(linesOf(text, 'watermark_collector_cycle_failures_total')).toEqual([
      'watermark_collector_cycle_failures_total{cluster_name="prod"} 1',
    ]);
    const buckets = linesOf(text, 'watermark_collector_cycle_duration_seconds_bucket');
    expect(buckets).toContain('watermark_collector_cycle_duration_seconds_bucket{cluster_name="prod",le="0.1"} 1');
    expect(buckets).toContain('watermark_collector_cycle_duration_seconds_bucket{cluster_name="prod",le="0.5"} 2');
    expect(buckets).toContain('watermark_collector_cycle_duration_seconds_bucket{cluster_name="prod",le="2.5"} 2');
    expect(buckets).toContain('watermark_collector_cycle_duration_seconds_bucket{cluster_name="prod",le="5"} 3');
    expect(buckets.at(-1)).toBe('watermark_collector_cycle_duration_seconds_bucket{cluster_name="prod",le="+Inf"} 3');
    expect(linesOf(text, 'watermark_collector_cycle_duration_seconds_sum')).toEqual([
      'watermark_collector_cycle_duration_seconds_sum{cluster_name="prod"} 5.48',
    ]);
  });

  it('counts the Kafka requests of every cycle, failed ones included', () => {
    expect(linesOf(text, 'watermark_collector_requests_total')).toEqual([
      'watermark_collector_requests_total{cluster_name="prod"} 88',
    ]);
  });

  it('counts failed requests per API, one per broker, leaving out requests a broker does not serve', () => {
    expect(linesOf(text, 'watermark_collector_request_failures_total')).toEqual([
      'watermark_collector_request_failures_total{cluster_name="prod",operation="ListOffsets"} 2',
      'watermark_collector_request_failures_total{cluster_name="prod",operation="DescribeLogDirs"} 1',
    ]);
  });

  it("gives each webhook's queue and deliveries, named by its origin only", () => {
    const labels = 'cluster_name="prod",webhook="0",target="https://hooks.slack.com/…"';
    expect(linesOf(text, 'watermark_webhook_queue_depth')).toEqual([`watermark_webhook_queue_depth{${labels}} 2`]);
    expect(linesOf(text, 'watermark_webhook_delivered_total')).toEqual([
      `watermark_webhook_delivered_total{${labels}} 10`,
    ]);
    expect(linesOf(text, 'watermark_webhook_failed_attempts_total')).toEqual([
      `watermark_webhook_failed_attempts_total{${labels}} 4`,
    ]);
    expect(linesOf(text, 'watermark_webhook_dropped_total')).toEqual([
      `watermark_webhook_dropped_total{${labels},reason="gave_up"} 1`,
      `watermark_webhook_dropped_total{${labels},reason="rejected"} 0`,
      `watermark_webhook_dropped_total{${labels},reason="queue_full"} 0`,
    ]);
  });

  it("writes the process and runtime under prom-client's names", () => {
    expect(linesOf(text, 'process_resident_memory_bytes')).toEqual(['process_resident_memory_bytes 150000000']);
    expect(linesOf(text, 'process_cpu_seconds_total')).toEqual(['process_cpu_seconds_total 15']);
    expect(linesOf(text, 'process_open_fds')).toEqual(['process_open_fds 42']);
    expect(linesOf(text, 'nodejs_heap_size_used_bytes')).toEqual(['nodejs_heap_size_used_bytes 40000000']);
    expect(linesOf(text, 'nodejs_eventloop_lag_p99_seconds')).toEqual(['nodejs_eventloop_lag_p99_seconds 0.012']);
    expect(linesOf(text, 'nodejs_gc_duration_seconds_count')).toEqual([
      'nodejs_gc_duration_seconds_count{kind="minor"} 5',
    ]);
  });

  it('leaves out what was not read: no process, no event loop sample, no open files count', () => {
    const bare = toPrometheusText(
      serviceFamilies({
        ...input,
        process: { ...processReading, openFds: null, eventLoopDelaySeconds: null, gc: [] },
      }),
    );
    expect(bare).not.toMatch(/process_open_fds|nodejs_eventloop_lag|nodejs_gc_duration/);
    expect(toPrometheusText(serviceFamilies({ ...input, process: null }))).not.toMatch(/^process_|^nodejs_/m);
  });
});

describe('readProcess', () => {
  it('reads plausible numbers from this process', async () => {
    readProcess();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const reading = readProcess();
    expect(reading.residentMemoryBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(reading.heapUsedBytes).toBeLessThanOrEqual(reading.heapTotalBytes);
    expect(reading.cpuUserSeconds).toBeGreaterThan(0);
    expect(reading.startTimeSeconds).toBeLessThanOrEqual(Date.now() / 1000);
    expect(reading.startTimeSeconds).toBeGreaterThan(Date.now() / 1000 - 3600);
    // Sampled every 10 ms over the 100 ms waited: the delay is the sampling interval or a little more.
    expect(reading.eventLoopDelaySeconds?.p50).toBeGreaterThanOrEqual(0.009);
    expect(reading.eventLoopDelaySeconds?.p50).toBeLessThan(1);
  });

  it('repeats the last window when read again before the next sample, so the series never vanish', async () => {
    readProcess();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const first = readProcess();
    const second = readProcess();
    expect(first.eventLoopDelaySeconds).not.toBeNull();
    expect(second.eventLoopDelaySeconds).toEqual(first.eventLoopDelaySeconds);
  });
});
