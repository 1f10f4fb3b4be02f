/**
 * What each topic override replaces, in one small request per cycle however many topics
 * there are. Below an override lies a cluster-wide value: a broker setting or Kafka's own
 * default, the same for every topic. So for each config name some topic overrides, we ask
 * about a topic that does not override it, and only that name (configuration_keys): its
 * value is the default in the topic config's own units (retention.ms=604800000, where the
 * broker has log.retention.hours=168). A name every topic overrides is read from the
 * synonyms Kafka lists under the override: the first that is not the topic's own.
 *
 * Asking synonyms for every topic instead would make each cycle's answers about three
 * times larger, for values that are the same on every topic.
 */
import type { BrokerConnections } from './connection';
import {
  configSourceOf,
  DESCRIBE_CONFIGS,
  TOPIC_OVERRIDE,
  TOPIC_RESOURCE,
  type DescribeConfigsResult,
} from './describe-configs';
import { failureOf } from './errors';
import type { BrokerNode, ConfigDefault, TopicConfig, WithFailures } from './types';

export interface DefaultsResource {
  topic: string;
  names: string[];
}

/**
 * Which topic to ask about which overridden names: each name at a topic that does not
 * override it (few topics cover every name), else at a topic that does (for its synonyms).
 * Refused topics are never asked. Empty when no topic has an override.
 */
export function planDefaultsRequest(configs: TopicConfig[]): DefaultsResource[] {
  const answered = configs.filter((c) => c.error === null);
  const overridden = new Set<string>();
  for (const c of answered) {
    for (const [name, source] of Object.entries(c.sources)) if (source === 'DYNAMIC_TOPIC_CONFIG') overridden.add(name);
  }
  const plan = new Map<string, string[]>();
  let uncovered = [...overridden].sort();
  for (const c of answered) {
    if (uncovered.length === 0) break;
    const inherits = uncovered.filter(
      (name) => c.sources[name] !== undefined && c.sources[name] !== 'DYNAMIC_TOPIC_CONFIG',
    );
    if (inherits.length === 0) continue;
    plan.set(c.topic, inherits);
    uncovered = uncovered.filter((name) => !inherits.includes(name));
  }
  for (const name of uncovered) {
    const topic = answered.find((c) => c.sources[name] === 'DYNAMIC_TOPIC_CONFIG')!.topic;
    plan.set(topic, [...(plan.get(topic) ?? []), name]);
  }
  return [...plan].map(([topic, names]) => ({ topic, names }));
}

/** The defaults in an answer to that request (asked with synonyms); sensitive values stay unknown. */
export function defaultsOf(results: DescribeConfigsResult[]): Record<string, ConfigDefault> {
  const defaults: Record<string, ConfigDefault> = {};
  for (const result of results) {
    if (result.errorCode !== 0) continue;
    for (const c of result.configs) {
      if (c.configSource !== TOPIC_OVERRIDE) {
        const value = c.isSensitive ? null : (c.value ?? null);
        defaults[c.name] = { name: c.name, value, source: configSourceOf(c.configSource) };
        continue;
      }
      const below = c.synonyms.find((s) => s.source !== TOPIC_OVERRIDE);
      if (below && !(c.name in defaults)) {
        const value = c.isSensitive ? null : (below.value ?? null);
        defaults[c.name] = { name: below.name, value, source: configSourceOf(below.source) };
      }
    }
  }
  return defaults;
}

/** Each topic's configs with the defaults of its own overrides. */
export function withDefaults(configs: TopicConfig[], defaults: Record<string, ConfigDefault>): TopicConfig[] {
  return configs.map((c) => {
    const own = Object.keys(c.sources).filter((name) => c.sources[name] === 'DYNAMIC_TOPIC_CONFIG' && defaults[name]);
    return own.length === 0 ? c : { ...c, defaults: Object.fromEntries(own.map((name) => [name, defaults[name]])) };
  });
}

/** The one request of planDefaultsRequest, to the first reachable broker. */
export async function fetchConfigDefaults(
  connections: BrokerConnections,
  brokers: BrokerNode[],
  configs: TopicConfig[],
): Promise<WithFailures<Record<string, ConfigDefault>>> {
  const plan = planDefaultsRequest(configs);
  if (plan.length === 0 || brokers.length === 0) return { value: {}, failures: [] };
  const broker = brokers[0];
  try {
    const api = DESCRIBE_CONFIGS[await connections.version(broker, 'DescribeConfigs')];
    const resources = plan.map(({ topic, names }) => ({
      resourceType: TOPIC_RESOURCE,
      resourceName: topic,
      configurationKeys: names,
    }));
    const response = await connections.call(broker, api, resources, true, false);
    return { value: defaultsOf(response.results), failures: [] };
  } catch (error) {
    return { value: {}, failures: [failureOf('DescribeConfigs', broker.id, error)] };
  }
}
