import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { AlertPolicy } from '@/lib/alerts/alert-policy';
import { AlertStore } from '@/lib/alerts/alert-store';
import { ClusterAlerts } from '@/lib/alerts/cluster-alerts';
import { health } from '@/lib/api/health';
import { openHistoryDatabase } from '@/lib/history/database';
import { metricsText } from '@/lib/metrics/read-metrics';
import { toPrometheusText } from '@/lib/metrics/prometheus-text';
import type { GroupAnalysis } from '@/lib/collector/analysis-types';
import { clusterState as state, withGroupAnalyses } from '../../helpers/cluster-state-builder';

type Parsed = ReturnType<typeof parsePrometheusTextFormat>;
const sample = (parsed: Parsed, name: string) => parsed.find((f) => f.name === name)?.metrics ?? [];

describe('toPrometheusText', () => {
  it('writes HELP and TYPE, escapes label values, and leaves out empty families', () => {
    const text = toPrometheusText([
      { name: 'a', help: 'line\\one', type: 'gauge', samples: [{ labels: { l: 'x"y\\z\nw' }, value: 1.5 }] },
      { name: 'empty', help: 'nothing', type: 'gauge', samples: [] },
    ]);
    expect(text).toBe('# HELP a line\\\\one\n# TYPE a gauge\na{l="x\\"y\\\\z\\nw"} 1.5\n');
    expect(parsePrometheusTextFormat(text)[0].metrics[0].labels).toEqual({ l: 'x"y\\z\nw' });
  });

  it('writes infinities and NaN as Prometheus spells them', () => {
    const text = toPrometheusText([
      {
        name: 'v',
        help: 'h',
        type: 'gauge',
        samples: [
          { labels: { k: 'a' }, value: Infinity },
          { labels: { k: 'b' }, value: Number.NaN },
        ],
      },
    ]);
    expect(text).toContain('v{k="a"} +Inf\nv{k="b"} NaN\n');
  });
});

describe('metricsText', () => {
  const parsed = parsePrometheusTextFormat(metricsText([state()], 1_005_000));

  it("uses kafka-lag-exporter's names and labels for consumer group lag", () => {
    expect(sample(parsed, 'kafka_consumergroup_group_lag')).toEqual([
      {
        value: '40',
        labels: {
          cluster_name: 'prod',
          group: 'billing "eu"',
          topic: 'orders',
          partition: '0',
          member_host: '/10.0.0.7',
          consumer_id: 'm-1',
          client_id: 'app',
        },
      },
    ]);
    expect(sample(parsed, 'kafka_consumergroup_group_offset')[0].value).toBe('60');
    expect(sample(parsed, 'kafka_consumergroup_group_max_lag')[0]).toEqual({
      value: '40',
      labels: { cluster_name: 'prod', group: 'billing "eu"', is_simple_consumer: 'false' },
    });
    expect(sample(parsed, 'kafka_consumergroup_group_topic_sum_lag')[0].value).toBe('40');
    expect(sample(parsed, 'kafka_partition_earliest_offset')[0].value).toBe('5');
    expect(sample(parsed, 'kafka_partition_latest_offset')[0].value).toBe('100');
    expect(sample(parsed, 'kafka_consumergroup_poll_time_ms')[0].value).toBe('50');
  });

  it("adds Watermark's own: brokers up, partition health, sizes and data age", () => {
    expect(sample(parsed, 'watermark_broker_up').map((m) => [m.labels?.broker, m.value])).toEqual([
      ['1', '1'],
      ['2', '0'],
    ]);
    expect(sample(parsed, 'watermark_cluster_under_replicated_partitions')[0].value).toBe('1');
    expect(sample(parsed, 'watermark_cluster_offline_partitions')[0].value).toBe('0');
    expect(sample(parsed, 'watermark_partition_size_bytes')[0].value).toBe('4096');
    expect(sample(parsed, 'watermark_cluster_data_age_seconds')[0].value).toBe('5');
    expect(sample(parsed, 'watermark_cluster_up')[0].value).toBe('1');
  });

  it('under granularity topic, leaves out every per-partition series and keeps the group and topic ones', () => {
    const base = state();
    base.snapshot!.offsets.push({
      topic: 'orders',
      partition: 1,
      logStartOffset: 0,
      highWatermark: 50,
      lastStableOffset: 50,
    });
    base.snapshot!.groups[0].offsets.push({ topic: 'orders', partition: 1, offset: 45 });
    const retention = (lostMessages: number, secondsUntilLoss: number | null) => ({
      retention: { lostMessages, secondsUntilLoss },
    });
    const analysed = withGroupAnalyses(
      new Map([
        [
          'billing "eu"',
          {
            status: null,
            maxTimeLagSeconds: null,
            partitions: new Map([
              ['orders\u00000', retention(3, null)],
              ['orders\u00001', retention(4, 600)],
            ]),
          } as unknown as GroupAnalysis,
        ],
      ]),
      base,
    );
    // Partition rates are not what this test is about.
    const withRates = { ...analysed, analysis: { ...analysed.analysis!, partitions: new Map() } };
    const text = metricsText([withRates], 1_005_000, [], null, 'topic');
    const topic = parsePrometheusTextFormat(text);
    for (const name of [
      'kafka_consumergroup_group_offset',
      'kafka_consumergroup_group_lag',
      'kafka_consumergroup_group_lag_seconds',
      'kafka_partition_latest_offset',
      'kafka_partition_earliest_offset',
      'watermark_partition_size_bytes',
    ]) {
      expect(sample(topic, name)).toEqual([]);
    }
    expect(text).not.toMatch(/partition="/);
    const group = { cluster_name: 'prod', group: 'billing "eu"' };
    expect(sample(topic, 'kafka_consumergroup_group_sum_lag')).toEqual([{ value: '45', labels: group }]);
    expect(sample(topic, 'kafka_consumergroup_group_max_lag')[0].value).toBe('40');
    expect(sample(topic, 'kafka_consumergroup_group_topic_sum_lag')).toEqual([
      { value: '45', labels: { ...group, topic: 'orders' } },
    ]);
    // Per group and topic: the messages lost added up, the soonest loss.
    expect(sample(topic, 'watermark_consumergroup_lost_messages')).toEqual([
      { value: '7', labels: { ...group, topic: 'orders' } },
    ]);
    expect(sample(topic, 'watermark_consumergroup_seconds_until_loss')).toEqual([
      { value: '600', labels: { ...group, topic: 'orders' } },
    ]);
    // The same state per partition, as by default.
    const partition = parsePrometheusTextFormat(metricsText([withRates], 1_005_000));
    expect(sample(partition, 'kafka_consumergroup_group_lag')).toHaveLength(2);
    expect(sample(partition, 'watermark_consumergroup_lost_messages')).toHaveLength(2);
  });

  it('exports no lag for a partition committed past its end, but how far ahead it is', () => {
    const ahead = state();
    ahead.snapshot!.groups[0].offsets = [{ topic: 'orders', partition: 0, offset: 120 }];
    const text = parsePrometheusTextFormat(metricsText([ahead], 1_005_000));
    expect(sample(text, 'kafka_consumergroup_group_lag')).toEqual([]);
    expect(sample(text, 'kafka_consumergroup_group_sum_lag')).toEqual([]);
    expect(sample(text, 'kafka_consumergroup_group_offset')[0].value).toBe('120');
    expect(sample(text, 'watermark_consumergroup_partition_committed_ahead')).toEqual([
      { value: '20', labels: { cluster_name: 'prod', group: 'billing "eu"', topic: 'orders', partition: '0' } },
    ]);
    expect(sample(parsed, 'watermark_consumergroup_partition_committed_ahead')).toEqual([]);
  });

  it('says a cluster is down but keeps serving its last good numbers', () => {
    const down = parsePrometheusTextFormat(metricsText([state({ error: 'unreachable' })], 1_005_000));
    expect(sample(down, 'watermark_cluster_up')[0].value).toBe('0');
    expect(sample(down, 'watermark_history_write_failing')[0].value).toBe('0');
    const full = state({ historyError: { message: 'database or disk is full', since: 1 } });
    expect(
      sample(parsePrometheusTextFormat(metricsText([full], 1_005_000)), 'watermark_history_write_failing'),
    ).toEqual([expect.objectContaining({ value: '1', labels: { cluster_name: 'prod' } })]);
    expect(sample(down, 'kafka_consumergroup_group_lag')[0].value).toBe('40');
  });
});

describe('alert metrics', () => {
  it('writes one watermark_alert per pending or firing alert and firing counts per severity', () => {
    const alerts = new ClusterAlerts(new AlertStore(openHistoryDatabase(':memory:'), 'prod'), {
      policy: AlertPolicy.of({ forSeconds: 0 }),
    });
    alerts.evaluate(state(), 1_000);
    const active = alerts.active();
    const text = metricsText([state()], 1_005_000, [
      { cluster: 'prod', active, isSilenced: (a) => a.rule === 'hygiene' },
    ]);
    const parsed = parsePrometheusTextFormat(text);
    const broker = sample(parsed, 'watermark_alert').find((m) => m.labels?.alertname === 'broker-unreachable');
    expect(broker?.labels).toMatchObject({
      cluster_name: 'prod',
      alertstate: 'firing',
      severity: 'critical',
      broker: '2',
      silenced: 'false',
    });
    expect(sample(parsed, 'watermark_alert').find((m) => m.labels?.alertname === 'hygiene')?.labels?.silenced).toBe(
      'true',
    );
    // Broker 2's under-replicated partition is explained by it: inhibited, with its cause's key.
    const labelsOf = (rule: string) => sample(parsed, 'watermark_alert').find((m) => m.labels?.alertname === rule);
    expect(labelsOf('under-replicated-partitions')?.labels?.inhibited_by).toBe('broker-unreachable:prod:2');
    expect(broker?.labels?.inhibited_by).toBe('');
    const firing = Object.fromEntries(
      sample(parsed, 'watermark_alerts_firing').map((m) => [m.labels?.severity, Number(m.value)]),
    );
    const count = (severity: string) => active.filter((a) => a.severity === severity).length;
    expect(firing).toEqual({ critical: count('critical'), warning: count('warning'), info: count('info') });
    expect(firing.critical).toBeGreaterThanOrEqual(1);
  });
});

describe('health', () => {
  it('is ready when every cluster succeeded within three poll intervals', () => {
    expect(health([state()], null, 1_029_000).status).toBe('ready');
  });

  it('is not ready when a cluster is stale, failing, or never collected, and says which and how old', () => {
    const result = health(
      [state(), state({ id: 'old' }), state({ id: 'never', lastSuccessAt: null, snapshot: null })],
      null,
      1_031_000,
    );
    expect(result.status).toBe('not-ready');
    expect(result.clusters.map((c) => [c.id, c.ready, c.ageSeconds])).toEqual([
      ['prod', false, 31],
      ['old', false, 31],
      ['never', false, null],
    ]);
    expect(health([state({ error: 'unreachable' })], null, 1_001_000).clusters[0]).toMatchObject({
      ready: false,
      error: 'unreachable',
    });
  });

  it('says the history is failing, since the first failure, without making the server not ready', () => {
    const failing = health(
      [
        state({ historyError: { message: 'database or disk is full', since: 1_000_500 } }),
        state({ id: 'b', historyError: { message: 'database or disk is full', since: 1_000_100 } }),
      ],
      null,
      1_001_000,
    );
    expect(failing.status).toBe('ready');
    expect(failing.history).toEqual({ status: 'failing', error: 'database or disk is full', since: 1_000_100 });
    expect(failing.clusters[0].historyError).toBe('database or disk is full');
    expect(health([state()], null, 1_001_000).history).toEqual({ status: 'ok', error: null, since: null });
    expect(health([state()], '/data/watermark.sqlite: file is not a database', 1_001_000).history).toMatchObject({
      status: 'off',
      error: '/data/watermark.sqlite: file is not a database',
    });
  });
});

describe('health with every broker failing', () => {
  it('is not ready when metadata answered but no broker answers a probe', () => {
    const down = state();
    down.snapshot!.brokers = down.snapshot!.brokers.map((b) => ({ ...b, reachable: false }));
    const result = health([down], null, 1_001_000);
    expect(result.status).toBe('not-ready');
    expect(result.clusters[0]).toMatchObject({ ready: false, error: 'no broker answers' });
  });
});
