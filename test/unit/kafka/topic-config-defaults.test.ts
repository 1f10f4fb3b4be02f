import { describe, expect, it } from 'vitest';
import type { DescribeConfigsResult } from '@/lib/kafka/describe-configs';
import { defaultsOf, planDefaultsRequest, withDefaults } from '@/lib/kafka/topic-config-defaults';
import { topicConfigOf } from '@/lib/kafka/topic-configs';
import type { ConfigSource, TopicConfig } from '@/lib/kafka/types';

/** A topic's configs: name → [value, source]. */
function config(topic: string, entries: Record<string, [string, ConfigSource]>, error: string | null = null) {
  return {
    topic,
    configs: Object.fromEntries(Object.entries(entries).map(([name, [value]]) => [name, value])),
    sources: Object.fromEntries(Object.entries(entries).map(([name, [, source]]) => [name, source])),
    sensitive: [],
    defaults: {},
    error,
  } satisfies TopicConfig;
}

const INHERITED: Record<string, [string, ConfigSource]> = {
  'retention.ms': ['604800000', 'DEFAULT_CONFIG'],
  'cleanup.policy': ['delete', 'DEFAULT_CONFIG'],
  'segment.bytes': ['1073741824', 'STATIC_BROKER_CONFIG'],
};

type Entry = DescribeConfigsResult['configs'][number];
type Synonym = Entry['synonyms'][number];

function entry(
  name: string,
  value: string | null,
  configSource: Entry['configSource'],
  more: Partial<Entry> = {},
): Entry {
  return {
    name,
    value,
    configSource,
    readOnly: false,
    isSensitive: false,
    synonyms: [],
    configType: 0,
    documentation: null,
    ...more,
  };
}

function result(resourceName: string, configs: Entry[], errorCode = 0): DescribeConfigsResult {
  return { errorCode, errorMessage: null, resourceType: 2, resourceName, configs };
}

describe('planDefaultsRequest', () => {
  it('asks nothing when no topic has an override', () => {
    expect(planDefaultsRequest([config('a', INHERITED), config('b', INHERITED)])).toEqual([]);
  });

  it('asks each overridden name at a topic that does not override it, and only those names', () => {
    const plan = planDefaultsRequest([
      config('compacted', { ...INHERITED, 'cleanup.policy': ['compact', 'DYNAMIC_TOPIC_CONFIG'] }),
      config('short', { ...INHERITED, 'retention.ms': ['60000', 'DYNAMIC_TOPIC_CONFIG'] }),
      config('plain', INHERITED),
    ]);
    expect(plan).toEqual([
      { topic: 'compacted', names: ['retention.ms'] },
      { topic: 'short', names: ['cleanup.policy'] },
    ]);
  });

  it('asks a name every topic overrides at a topic that overrides it (for its synonyms)', () => {
    const both: Record<string, [string, ConfigSource]> = {
      ...INHERITED,
      'retention.ms': ['60000', 'DYNAMIC_TOPIC_CONFIG'],
    };
    expect(planDefaultsRequest([config('a', both), config('b', both)])).toEqual([
      { topic: 'a', names: ['retention.ms'] },
    ]);
  });

  it('never asks about a topic whose configs were refused', () => {
    const plan = planDefaultsRequest([
      config('refused', INHERITED, 'TOPIC_AUTHORIZATION_FAILED'),
      config('short', { ...INHERITED, 'retention.ms': ['60000', 'DYNAMIC_TOPIC_CONFIG'] }),
      config('plain', INHERITED),
    ]);
    expect(plan).toEqual([{ topic: 'plain', names: ['retention.ms'] }]);
  });
});

describe('defaultsOf', () => {
  it("takes an inherited entry's value and source, in the topic config's own name and units", () => {
    expect(defaultsOf([result('plain', [entry('retention.ms', '604800000', 4)])])).toEqual({
      'retention.ms': { name: 'retention.ms', value: '604800000', source: 'STATIC_BROKER_CONFIG' },
    });
  });

  it('takes the first synonym below an override when the asked topic overrides the name too', () => {
    const synonyms: Synonym[] = [
      { name: 'retention.ms', value: '60000', source: 1 },
      { name: 'log.retention.hours', value: '168', source: 5 },
    ];
    expect(defaultsOf([result('short', [entry('retention.ms', '60000', 1, { synonyms })])])).toEqual({
      'retention.ms': { name: 'log.retention.hours', value: '168', source: 'DEFAULT_CONFIG' },
    });
  });

  it('reports no default where Kafka lists none below the override', () => {
    const synonyms: Synonym[] = [{ name: 'leader.replication.throttled.replicas', value: '0:1', source: 1 }];
    const answer = [result('t', [entry('leader.replication.throttled.replicas', '0:1', 1, { synonyms })])];
    expect(defaultsOf(answer)).toEqual({});
  });

  it('keeps a sensitive default hidden and skips topics that answered with an error', () => {
    const answer = [
      result('t', [entry('secret.thing', 'x', 5, { isSensitive: true })]),
      result('gone', [entry('retention.ms', '1', 5)], 3),
    ];
    expect(defaultsOf(answer)).toEqual({
      'secret.thing': { name: 'secret.thing', value: null, source: 'DEFAULT_CONFIG' },
    });
  });
});

describe('withDefaults', () => {
  it('gives each topic the defaults of its own overrides only', () => {
    const defaults = {
      'retention.ms': { name: 'retention.ms', value: '604800000', source: 'DEFAULT_CONFIG' as const },
      'cleanup.policy': { name: 'cleanup.policy', value: 'delete', source: 'DEFAULT_CONFIG' as const },
    };
    const [short, plain] = withDefaults(
      [
        config('short', { ...INHERITED, 'retention.ms': ['60000', 'DYNAMIC_TOPIC_CONFIG'] }),
        config('plain', INHERITED),
      ],
      defaults,
    );
    expect(short.defaults).toEqual({ 'retention.ms': defaults['retention.ms'] });
    expect(plain.defaults).toEqual({});
  });
});

describe('topicConfigOf', () => {
  it("keeps every entry's value and source by Kafka's name, and no value for a sensitive entry", () => {
    const config = topicConfigOf(
      result('t', [
        entry('cleanup.policy', 'compact', 1),
        entry('retention.ms', '604800000', 5),
        entry('min.insync.replicas', '2', 3),
        entry('hidden', 'secret', 2, { isSensitive: true }),
        entry('future', 'x', 42 as Entry['configSource']),
      ]),
    );
    expect(config).toEqual({
      topic: 't',
      configs: {
        'cleanup.policy': 'compact',
        'retention.ms': '604800000',
        'min.insync.replicas': '2',
        hidden: null,
        future: 'x',
      },
      sources: {
        'cleanup.policy': 'DYNAMIC_TOPIC_CONFIG',
        'retention.ms': 'DEFAULT_CONFIG',
        'min.insync.replicas': 'DYNAMIC_DEFAULT_BROKER_CONFIG',
        hidden: 'DYNAMIC_BROKER_CONFIG',
        future: 'UNKNOWN',
      },
      sensitive: ['hidden'],
      defaults: {},
      error: null,
    });
  });
});
