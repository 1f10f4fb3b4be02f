/**
 * The single cluster named by KAFKA_BROKERS ("host:port,host:port").
 */
export class ConfigError extends Error {}

/** "host:port" with a port from 1 to 65535. */
export function isHostPort(entry: string): boolean {
  const match = /^[^\s:,]+:(\d{1,5})$/.exec(entry);
  const port = match ? Number(match[1]) : 0;
  return port >= 1 && port <= 65_535;
}

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
  const bad = brokers.find((entry) => !isHostPort(entry));
  if (bad !== undefined || brokers.length === 0) {
    throw new ConfigError(`KAFKA_BROKERS: "${bad ?? raw}" is not host:port (port 1-65535).`);
  }
  return brokers;
}
