/**
 * Topic configurations, many topics per DescribeConfigs request.
 */
import { describeConfigsV2, describeConfigsV3, describeConfigsV4 } from '@platformatic/kafka';
import { isNotAuthorised, notAuthorisedFailure } from './authorization';
import type { BrokerConnections } from './connection';
import { failureOf, kafkaErrorName } from './errors';
import type { BrokerNode, PartialFailure, TopicConfig, WithFailures } from './types';

const TOPIC_RESOURCE = 2 as const;
const TOPICS_PER_REQUEST = 500;
const CONCURRENCY = 2;

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** Any broker can answer for topic configs; requests rotate over the reachable brokers. */
/** v2–v4 take the same request and answer with the fields we read. */
const DESCRIBE_CONFIGS = {
  4: describeConfigsV4.api,
  3: describeConfigsV3.api,
  2: describeConfigsV2.api,
} as unknown as Record<number, typeof describeConfigsV4.api>;

/**
 * Configs of every topic; a topic whose configs are refused (no DescribeConfigs on it) keeps
 * its TOPIC_AUTHORIZATION_FAILED, and the refused topics make one not-authorised failure.
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
        const response = await connections.call(broker, api, resources, false, false);
        for (const result of response.results) {
          const configs: Record<string, string | null> = {};
          for (const config of result.configs) {
            configs[config.name] = config.isSensitive ? null : (config.value ?? null);
          }
          value.push({ topic: result.resourceName, configs, error: kafkaErrorName(result.errorCode) });
        }
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
  return { value, failures };
}
