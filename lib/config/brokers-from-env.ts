/**
 * The single cluster named by KAFKA_BROKERS ("host:port,host:port").
 */
export class ConfigError extends Error {}

const HOST_PORT = /^[^\s:,]+:\d{1,5}$/;

/** Parses KAFKA_BROKERS; throws a ConfigError naming the variable and the bad entry. */
export function brokersFromEnv(env: Record<string, string | undefined> = process.env): string[] {
  const raw = env.KAFKA_BROKERS?.trim();
  if (!raw) {
    throw new ConfigError(
      'KAFKA_BROKERS is not set: give the brokers as host:port,host:port (or set WATERMARK_CONFIG).',
    );
  }
  const brokers = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = brokers.find((entry) => !HOST_PORT.test(entry));
  if (bad !== undefined || brokers.length === 0) {
    throw new ConfigError(`KAFKA_BROKERS: "${bad ?? raw}" is not host:port.`);
  }
  return brokers;
}
