/**
 * Where a config's value comes from, by the names of Kafka's ConfigEntry.ConfigSource (what
 * kafka-configs --describe prints before each synonym), indexed by the protocol's
 * config_source code. No I/O: the API's schemas use it too.
 */
export const CONFIG_SOURCES = [
  'UNKNOWN',
  'DYNAMIC_TOPIC_CONFIG',
  'DYNAMIC_BROKER_CONFIG',
  'DYNAMIC_DEFAULT_BROKER_CONFIG',
  'STATIC_BROKER_CONFIG',
  'DEFAULT_CONFIG',
  'DYNAMIC_BROKER_LOGGER_CONFIG',
  'DYNAMIC_CLIENT_METRICS_CONFIG',
  'DYNAMIC_GROUP_CONFIG',
] as const;

export type ConfigSource = (typeof CONFIG_SOURCES)[number];
