/**
 * How a topic config's source and value read on the topic page: where the value is set,
 * in words, and a reading of raw numbers whose unit is in the config's name.
 */
import type { ConfigSource } from '../api/schemas';
import { formatDuration } from './format-duration';
import { formatBytes } from './format-number';

/** Short label for the Source column. */
export const CONFIG_SOURCE_LABEL: Record<ConfigSource, string> = {
  DYNAMIC_TOPIC_CONFIG: 'topic override',
  DYNAMIC_BROKER_CONFIG: 'one broker (dynamic)',
  DYNAMIC_DEFAULT_BROKER_CONFIG: 'all brokers (dynamic)',
  STATIC_BROKER_CONFIG: 'broker config file',
  DEFAULT_CONFIG: 'Kafka default',
  DYNAMIC_BROKER_LOGGER_CONFIG: 'broker logger',
  DYNAMIC_CLIENT_METRICS_CONFIG: 'client metrics',
  DYNAMIC_GROUP_CONFIG: 'group config',
  UNKNOWN: 'unknown',
};

/** What each source means, for the legend under the table (shown, not only on hover). */
export const CONFIG_SOURCE_MEANING: Record<ConfigSource, string> = {
  DYNAMIC_TOPIC_CONFIG: 'set on this topic, replacing the cluster’s value',
  DYNAMIC_BROKER_CONFIG: 'set at run time on the broker that answered',
  DYNAMIC_DEFAULT_BROKER_CONFIG: 'set at run time for every broker',
  STATIC_BROKER_CONFIG: 'from the broker’s properties file',
  DEFAULT_CONFIG: 'nobody set it: Kafka’s built-in value',
  DYNAMIC_BROKER_LOGGER_CONFIG: 'a broker logger level',
  DYNAMIC_CLIENT_METRICS_CONFIG: 'a client metrics subscription',
  DYNAMIC_GROUP_CONFIG: 'set on a consumer group',
  UNKNOWN: 'Kafka did not say',
};

/** How such a value is set with kafka-configs, as the words of its command line (each kept whole when wrapping). */
export const CONFIG_SOURCE_COMMAND: Partial<Record<ConfigSource, string[]>> = {
  DYNAMIC_TOPIC_CONFIG: ['kafka-configs', '--entity-type topics', '--entity-name <topic>', '--alter'],
  DYNAMIC_BROKER_CONFIG: ['kafka-configs', '--entity-type brokers', '--entity-name <id>', '--alter'],
  DYNAMIC_DEFAULT_BROKER_CONFIG: ['kafka-configs', '--entity-type brokers', '--entity-default', '--alter'],
};

// Kafka reads -1 as "no limit" for these two; other configs give -1 other meanings.
const UNLIMITED_AT_MINUS_ONE = new Set(['retention.ms', 'retention.bytes']);
// Java's Long.MAX_VALUE, Kafka's "never" (flush.messages, max.compaction.lag.ms, …).
const LONG_MAX = '9223372036854775807';

/**
 * A reading of a raw value whose unit is in its name: "604800000" of retention.ms → "7d",
 * "1073741824" of segment.bytes → "1.07 GB", -1 of retention.ms and Java's Long.MAX_VALUE of
 * any config → "no limit". Null when
 * the value says it plainly already (not a number, 0, or a unit we do not know).
 */
export function configValueReading(name: string, value: string | null): string | null {
  if (value === null || !/^-?\d+$/.test(value)) return null;
  if (value === LONG_MAX) return 'no limit';
  const n = Number(value);
  if (n === -1 && UNLIMITED_AT_MINUS_ONE.has(name)) return 'no limit';
  if (n <= 0) return null;
  if (name.endsWith('.ms')) return n < 1000 ? null : formatDuration(n / 1000);
  if (name.endsWith('.bytes')) return n < 1000 ? null : formatBytes(n);
  return null;
}
