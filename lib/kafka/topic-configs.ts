/**
 * Topic configurations, many topics per DescribeConfigs request: every entry's value and
 * where it comes from (a topic override, a broker setting, Kafka's default); then, in one
 * more request, the value each override replaces (topic-config-defaults.ts).
 */
import { isNotAuthorised, notAuthorisedFailure } from './authorization';
import type { BrokerConnections } from './connection';
import { configSourceOf, DESCRIBE_CONFIGS, TOPIC_RESOURCE, type DescribeConfigsResult } from './describe-configs';
import { failureOf, kafkaErrorName } from './errors';
import { fetchConfigDefaults, withDefaults } from './topic-config-defaults';
import type { BrokerNode, ConfigSource, PartialFailure, TopicConfig, WithFailures } from './types';

const TOPICS_PER_REQUEST = 500;
const CONCURRENCY = 2;

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** One topic's answer: values (none for a sensitive entry: Kafka sends none), sources, sensitive names. */
export function topicConfigOf(result: DescribeConfigsResult): TopicConfig {
  const configs: Record<string, string | null> = {};
  const sources: Record<string, ConfigSource> = {};
  const sensitive: string[] = [];
  for (const config of result.configs) {
    configs[config.name] = config.isSensitive ? null : (config.value ?? null);
    sources[config.name] = configSourceOf(config.configSource);
    if (config.isSensitive) sensitive.push(config.name);
  }
  return {
    topic: result.resourceName,
    configs,
    sources,
    sensitive,
    defaults: {},
    error: kafkaErrorName(result.errorCode),
  };
}

/**
 * Configs of every topic; a topic whose configs are refused (no DescribeConfigs on it) keeps
 * its TOPIC_AUTHORIZATION_FAILED, and the refused topics make one not-authorised failure.
 * Any broker can answer for topic configs; requests rotate over the reachable brokers.
 */
export async function fetchTopicConfigs(
  connections: BrokerConnections,
  brokers: BrokerNode[],
  topics: string[],
): Promise<WithFailures<TopicConfig[]>> {
  const failures: PartialFailure[] = [];
  const value: TopicConfig[] = [];
  const batches = chunks(topics, TOPICS_PER_REQUEST);
  let next = 0;
  const worker = async (offset: number) => {
    while (next < batches.length) {
      const index = next++;
      const batch = batches[index];
      const broker = brokers[(index + offset) % brokers.length];
      try {
        const resources = batch.map((name) => ({
          resourceType: TOPIC_RESOURCE,
          resourceName: name,
          configurationKeys: null,
        }));
        const api = DESCRIBE_CONFIGS[await connections.version(broker, 'DescribeConfigs')];
        // Without synonyms: they would triple the answer, and only overrides need them (see topic-config-defaults.ts).
        const response = await connections.call(broker, api, resources, false, false);
        for (const result of response.results) value.push(topicConfigOf(result));
      } catch (error) {
        failures.push(failureOf('DescribeConfigs', broker.id, error));
      }
    }
  };
  if (brokers.length > 0) await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => worker(i)));
  const refused = value.filter((c) => isNotAuthorised(c.error)).map((c) => c.topic);
  if (refused.length > 0) {
    failures.push(notAuthorisedFailure('DescribeConfigs', 'DescribeConfigs', { type: 'topic', names: refused }));
  }
  const defaults = await fetchConfigDefaults(connections, brokers, value);
  return { value: withDefaults(value, defaults.value), failures: [...failures, ...defaults.failures] };
}
