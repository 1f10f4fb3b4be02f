import { describe, expect, it } from 'vitest';
import { topicConfigEntries } from '@/lib/api/views/topic-config-entries';
import type { TopicConfig } from '@/lib/kafka/types';

const config: TopicConfig = {
  topic: 'orders',
  configs: { 'segment.bytes': '1073741824', 'retention.ms': '60000', 'cleanup.policy': 'compact', secret: null },
  sources: {
    'segment.bytes': 'STATIC_BROKER_CONFIG',
    'retention.ms': 'DYNAMIC_TOPIC_CONFIG',
    'cleanup.policy': 'DYNAMIC_TOPIC_CONFIG',
    secret: 'DEFAULT_CONFIG',
  },
  sensitive: ['secret'],
  defaults: { 'retention.ms': { name: 'retention.ms', value: '604800000', source: 'DEFAULT_CONFIG' } },
  error: null,
};

describe('topicConfigEntries', () => {
  it('lists the overrides first, then the inherited entries, by name within each', () => {
    expect(topicConfigEntries(config).map((e) => [e.name, e.override])).toEqual([
      ['cleanup.policy', true],
      ['retention.ms', true],
      ['secret', false],
      ['segment.bytes', false],
    ]);
  });

  it('gives each override the value it replaces where Kafka reported one, and no value for a sensitive entry', () => {
    const byName = new Map(topicConfigEntries(config).map((e) => [e.name, e]));
    expect(byName.get('retention.ms')).toEqual({
      name: 'retention.ms',
      value: '60000',
      source: 'DYNAMIC_TOPIC_CONFIG',
      sensitive: false,
      override: true,
      default: { name: 'retention.ms', value: '604800000', source: 'DEFAULT_CONFIG' },
    });
    expect(byName.get('cleanup.policy')?.default).toBeNull();
    expect(byName.get('secret')).toMatchObject({ value: null, sensitive: true, default: null });
  });

  it('is empty for a topic whose configs were not read', () => {
    expect(topicConfigEntries(undefined)).toEqual([]);
  });
});
