import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  burrowConfig,
  kminionConfig,
  watermarkConfig,
  BURROW_CLUSTER,
} from '../../../../scripts/bench/peers/peer-configs';

const input = { brokers: ['127.0.0.1:19092', '127.0.0.1:19093'], port: 18080, intervalSeconds: 10 };

describe('kminionConfig', () => {
  it('points KMinion at the brokers, reads groups through the admin API and serves metrics on loopback', () => {
    expect(parseYaml(kminionConfig(input))).toEqual({
      kafka: { brokers: ['127.0.0.1:19092', '127.0.0.1:19093'], clientId: 'kminion-bench' },
      minion: { consumerGroups: { scrapeMode: 'adminApi' } },
      exporter: { host: '127.0.0.1', port: 18080 },
      logger: { level: 'warn' },
    });
  });
});

/** The keys of one [section] of a TOML file whose values are strings, numbers or arrays of strings. */
function tomlSection(text: string, name: string): Record<string, unknown> {
  const lines = text.split('\n');
  const start = lines.indexOf(`[${name}]`);
  if (start < 0) throw new Error(`no [${name}]`);
  const section: Record<string, unknown> = {};
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('[')) break;
    const eq = line.indexOf('=');
    if (eq > 0) section[line.slice(0, eq)] = JSON.parse(line.slice(eq + 1));
  }
  return section;
}

describe('burrowConfig', () => {
  const toml = burrowConfig(input, '/tmp/run');

  it('has a cluster module that refreshes offsets and topics at the poll interval', () => {
    expect(tomlSection(toml, `cluster.${BURROW_CLUSTER}`)).toEqual({
      'class-name': 'kafka',
      servers: input.brokers,
      'client-profile': 'bench',
      'topic-refresh': 10,
      'offset-refresh': 10,
    });
  });

  it('has a consumer module of class kafka for the same cluster', () => {
    expect(tomlSection(toml, `consumer.${BURROW_CLUSTER}`)).toMatchObject({
      'class-name': 'kafka',
      cluster: BURROW_CLUSTER,
      servers: input.brokers,
    });
  });

  it('serves its API and metrics on loopback, keeps its pid file in the run folder and has no notifier', () => {
    expect(tomlSection(toml, 'httpserver.default')).toEqual({ address: '127.0.0.1:18080' });
    expect(tomlSection(toml, 'general')).toEqual({ pidfile: '/tmp/run/burrow.pid' });
    expect(tomlSection(toml, 'evaluator.default')).toEqual({ 'class-name': 'caching', 'expire-cache': 10 });
    expect(toml).not.toContain('[notifier');
    expect(toml).not.toContain('[zookeeper');
  });
});

describe('watermarkConfig', () => {
  it('polls one cluster at the interval, in milliseconds', () => {
    expect(JSON.parse(watermarkConfig(input))).toEqual({
      clusters: [{ id: 'bench', brokers: input.brokers, pollIntervalMs: 10_000 }],
    });
  });
});
