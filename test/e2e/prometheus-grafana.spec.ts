/**
 * The shipped Prometheus rules and Grafana dashboard against the real thing: promtool
 * checks and unit-tests the rules, a real Prometheus (Debian's package) scrapes the test
 * server on the local cluster with the rules loaded, a stopped group raises its alert, and
 * every PromQL expression of the dashboard must return data there. Prints each panel's
 * series count.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import dashboard from '@/deploy/grafana/watermark-dashboard.json';
import { PROMTOOL_PATH } from '../../scripts/debian-tools';
import { eventually, sendWithRetry, testKafka, uniqueName } from '../helpers/local-cluster';
import { startPrometheus, type RunningPrometheus } from '../helpers/prometheus';

const ROOT = path.resolve(__dirname, '..', '..');
const RULES = path.join(ROOT, 'deploy', 'prometheus', 'watermark-rules.yml');
const RULE_TESTS = path.join(ROOT, 'deploy', 'prometheus', 'watermark-rules.test.yml');
// Below every local-cluster port (19092 and up), and out of Linux's range for outgoing connections.
const PROMETHEUS_PORT = 17090;

/** The dashboard's variables, as "All" selects them. */
const asAll = (expr: string) => expr.replace(/\$(cluster|group|job)\b/g, '.*');

describe('the Prometheus rules and the Grafana dashboard', { timeout: 180_000 }, () => {
  let prometheus: RunningPrometheus;
  const kafka = testKafka();
  const admin = kafka.admin();
  const producer = kafka.producer();
  const topic = uniqueName('e2e-prom');

  beforeAll(async () => {
    // A group that stopped behind: lag, time lag and time until retention deletes its messages.
    await Promise.all([admin.connect(), producer.connect()]);
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
    await sendWithRetry(producer, { topic, messages: ['a', 'b', 'c'].map((value) => ({ value })) });
    await admin.setOffsets({ groupId: `${topic}-group`, topic, partitions: [{ partition: 0, offset: '0' }] });
    prometheus = await startPrometheus(PROMETHEUS_PORT, inject('baseUrl'), [RULES]);
  });

  afterAll(async () => {
    await prometheus?.stop();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  });

  it('promtool finds the rules valid and their unit tests pass', () => {
    const check = spawnSync(PROMTOOL_PATH, ['check', 'rules', RULES], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toMatch(/SUCCESS: \d+ rules found/);
    const test = spawnSync(PROMTOOL_PATH, ['test', 'rules', RULE_TESTS], { encoding: 'utf8' });
    expect(test.status, test.stdout + test.stderr).toBe(0);
    expect(test.stdout).toContain('SUCCESS');
  });

  it('Prometheus scrapes Watermark and evaluates every rule without an error', async () => {
    await eventually(
      async () => ((await prometheus.query('up{job="watermark"} == 1')).length ? true : undefined),
      'a scrape',
    );
    const rules = await eventually(async () => {
      const all = await prometheus.rules();
      return all.length > 0 && all.every((r) => r.health !== 'unknown') ? all : undefined;
    }, 'the rules to be evaluated');
    expect(rules.filter((r) => r.health !== 'ok')).toEqual([]);
    // The recording rules fill KMinion's names from Watermark's series.
    const lag = await eventually(async () => {
      const samples = await prometheus.query(`kminion_kafka_consumer_group_topic_lag{group_id="${topic}-group"}`);
      return samples.length ? samples : undefined;
    }, "KMinion's topic lag of the stopped group");
    expect(lag[0].metric).toMatchObject({ topic_name: topic });
    expect(Number(lag[0].value[1])).toBe(3);
  });

  it('the stopped group raises the consumer-down alert, and not the group-status one it stands in for', async () => {
    // Pending is enough: the rules wait 30 s before firing. ALERTS holds pending and firing alerts.
    const group = `${topic}-group`;
    const down = await eventually(async () => {
      const samples = await prometheus.query(`ALERTS{alertname="KafkaConsumerGroupConsumerDown", group="${group}"}`);
      return samples.length ? samples : undefined;
    }, 'the consumer-down alert of the stopped group');
    expect(down[0].metric).toMatchObject({ severity: 'critical', status: 'ERR' });
    expect(await prometheus.query(`ALERTS{alertname="KafkaConsumerGroupStatusErr", group="${group}"}`)).toEqual([]);
  });

  it('every expression of every dashboard panel and variable returns data', async () => {
    const counts: string[] = [];
    for (const panel of dashboard.panels) {
      for (const target of panel.targets) {
        const expr = asAll(target.expr);
        const samples = await eventually(
          async () => {
            const result = await prometheus.query(expr);
            return result.length ? result : undefined;
          },
          `data for "${panel.title}": ${expr}`,
          60_000,
        );
        counts.push(`${panel.title} [${target.refId}]: ${samples.length} series`);
      }
    }
    console.log(counts.join('\n'));
    for (const variable of dashboard.templating.list.filter((v) => v.type === 'query')) {
      const [, metric, label] = /^label_values\((.+), (\w+)\)$/.exec(variable.definition!)!;
      const samples = await prometheus.query(asAll(metric));
      expect(
        samples.some((s) => s.metric[label] !== undefined),
        variable.name,
      ).toBe(true);
    }
  });
});
