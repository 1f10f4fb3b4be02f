/**
 * A topic's configuration agrees with kafka-configs --describe --all: every value and its
 * source, the overrides set with kafka-configs --alter (listed first), and the value each
 * override replaces; every DescribeConfigs version we speak decodes the same answer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { topicView } from '@/lib/api/views/topic-views';
import { BrokerConnections, parseBrokerAddress } from '@/lib/kafka/connection';
import { configSourceOf, DESCRIBE_CONFIGS, TOPIC_RESOURCE } from '@/lib/kafka/describe-configs';
import { API_VERSIONS } from '@/lib/kafka/protocol-versions';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { alterTopicConfigsWithTool, topicConfigsFromTool, type ToolConfigEntry } from '../helpers/kafka-tool-readings';
import { collectNow, eventually, LOCAL_BROKERS } from '../helpers/local-cluster';

const OVERRIDES = { 'retention.ms': '3600000', 'cleanup.policy': 'compact' };

async function topicFromCollector(topic: string) {
  const state = await collectNow();
  const metadata = state.snapshot!.topics.find((t) => t.name === topic);
  if (!metadata) throw new Error(`topic ${topic} not collected`);
  return topicView(state, metadata);
}

/**
 * The tool's entries as [name, value, source] rows, sorted. The tool prints no source, only
 * the synonyms, the first being where the value comes from; an entry without any (retention.ms
 * when no broker sets log.retention.*) has Kafka's built-in value, which the answer calls
 * DEFAULT_CONFIG.
 */
function toolRows(tool: Map<string, ToolConfigEntry>) {
  return [...tool]
    .map(([name, entry]) => [name, entry.sensitive ? null : entry.value, entry.synonyms[0]?.source ?? 'DEFAULT_CONFIG'])
    .sort();
}

describe('topic configuration against kafka-configs', () => {
  const fixture = useKafkaFixture('configs');
  let altered: string;
  let plain: string;
  let tool: Map<string, ToolConfigEntry>;

  beforeAll(async () => {
    [altered, plain] = await Promise.all([fixture.createTopic(1), fixture.createTopic(1)]);
    await alterTopicConfigsWithTool(altered, OVERRIDES);
    tool = await eventually(async () => {
      const entries = await topicConfigsFromTool(altered);
      return entries.get('cleanup.policy')?.value === 'compact' ? entries : undefined;
    }, 'kafka-configs to report the overrides');
  });

  it('lists every config with the value and source kafka-configs reports, the overrides first', async () => {
    const view = await topicFromCollector(altered);
    expect(tool.size).toBeGreaterThan(20);
    expect(view.configEntries.map((e) => [e.name, e.value, e.source]).sort()).toEqual(toolRows(tool));
    expect(view.configEntries.slice(0, 2).map((e) => [e.name, e.value, e.source, e.override])).toEqual([
      ['cleanup.policy', 'compact', 'DYNAMIC_TOPIC_CONFIG', true],
      ['retention.ms', '3600000', 'DYNAMIC_TOPIC_CONFIG', true],
    ]);
    expect(view.configEntries.slice(2).every((e) => !e.override)).toBe(true);
    expect(view.configs['retention.ms']).toBe('3600000');
  });

  it("gives each override the value it replaces: an untouched topic's value and source, as kafka-configs reports them", async () => {
    const untouched = await topicConfigsFromTool(plain);
    const view = await topicFromCollector(altered);
    for (const name of Object.keys(OVERRIDES)) {
      const expected = untouched.get(name)!;
      expect(view.configEntries.find((e) => e.name === name)?.default).toEqual({
        name,
        value: expected.value,
        source: expected.synonyms[0]?.source ?? 'DEFAULT_CONFIG',
      });
    }
    // And the override's own chain, as the tool prints it, starts with the override and then that value's source.
    expect(
      tool
        .get('cleanup.policy')!
        .synonyms.map((s) => s.source)
        .slice(0, 2),
    ).toEqual(['DYNAMIC_TOPIC_CONFIG', expect.stringMatching(/_CONFIG$/)]);
    expect(view.configEntries.filter((e) => !e.override).every((e) => e.default === null)).toBe(true);
  });

  it('decodes the same entries and synonyms at every DescribeConfigs version we speak', async () => {
    const connections = new BrokerConnections({ brokers: LOCAL_BROKERS, requestTimeoutMs: 5000 });
    const broker = parseBrokerAddress(LOCAL_BROKERS[0]);
    const expected = [...tool]
      .map(([name, entry]) => [
        name,
        entry.sensitive ? null : entry.value,
        entry.synonyms.map((s) => `${s.source}:${s.name}=${s.value}`),
      ])
      .sort();
    try {
      const apis = await connections.apis(broker);
      const served = apis.get(API_VERSIONS.DescribeConfigs.key)!;
      const versions = API_VERSIONS.DescribeConfigs.speaks.filter((v) => v >= served.min && v <= served.max);
      expect(versions).toEqual([4, 3, 2]);
      for (const version of versions) {
        const resources = [{ resourceType: TOPIC_RESOURCE, resourceName: altered, configurationKeys: null }];
        const { results } = await connections.call(broker, DESCRIBE_CONFIGS[version], resources, true, false);
        expect(results.map((r) => [r.resourceName, r.errorCode])).toEqual([[altered, 0]]);
        const decoded = results[0].configs
          .map((c) => [c.name, c.value, c.synonyms.map((s) => `${configSourceOf(s.source)}:${s.name}=${s.value}`)])
          .sort();
        expect({ version, decoded }).toEqual({ version, decoded: expected });
      }
    } finally {
      await connections.close();
    }
  });
});
