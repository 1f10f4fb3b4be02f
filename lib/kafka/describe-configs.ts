/**
 * DescribeConfigs: the codec for each version we speak, and Kafka's config sources by name.
 */
import { describeConfigsV3, describeConfigsV4 } from '@platformatic/kafka';
import { describeConfigsV2 } from './protocol/describe-configs-v2';
import { CONFIG_SOURCES, type ConfigSource } from './config-sources';

export const TOPIC_RESOURCE = 2 as const;

/** v2–v4 take the same arguments and answer with the fields we read (v1 added config_source and synonyms). */
export const DESCRIBE_CONFIGS: Record<number, typeof describeConfigsV4.api> = {
  4: describeConfigsV4.api,
  3: describeConfigsV3.api as unknown as typeof describeConfigsV4.api,
  2: describeConfigsV2,
};

export type DescribeConfigsResult = Awaited<ReturnType<typeof describeConfigsV4.api.async>>['results'][number];

/** A config_source code by Kafka's name for it; a code from a later Kafka reads UNKNOWN. */
export const configSourceOf = (code: number): ConfigSource => CONFIG_SOURCES[code] ?? 'UNKNOWN';

/** The code of DYNAMIC_TOPIC_CONFIG: a value set on the topic itself. */
export const TOPIC_OVERRIDE = 1;
