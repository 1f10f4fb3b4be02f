/**
 * The peers' configuration files, against one cluster at one poll interval:
 * - KMinion reads Kafka when it is scraped, so its interval is the scrape interval; it
 *   gets the consumer groups from the admin API (`scrapeMode: adminApi`) and keeps every
 *   other setting at its default (partition granularity for topics and groups).
 * - Burrow consumes __consumer_offsets continuously (consumer class `kafka`) and asks the
 *   brokers for partition offsets every `offset-refresh` seconds and for topics every
 *   `topic-refresh` seconds: both are set to the interval; it evaluates groups when asked
 *   (the HTTP API, /metrics), caching each evaluation for `expire-cache` seconds.
 */

export interface PeerConfigInput {
  brokers: string[];
  /** The port of the peer's HTTP server (metrics, API), on 127.0.0.1. */
  port: number;
  intervalSeconds: number;
}

/** The cluster's name in Burrow's config and HTTP paths (/v3/kafka/<name>/consumer). */
export const BURROW_CLUSTER = 'bench';

const quoted = (value: string) => JSON.stringify(value);

/** KMinion's YAML (CONFIG_FILEPATH): the brokers, the admin API for groups, the exporter's address. */
export function kminionConfig({ brokers, port }: PeerConfigInput): string {
  return [
    'kafka:',
    `  brokers: [${brokers.map(quoted).join(', ')}]`,
    '  clientId: "kminion-bench"',
    'minion:',
    '  consumerGroups:',
    '    scrapeMode: adminApi',
    'exporter:',
    '  host: "127.0.0.1"',
    `  port: ${port}`,
    'logger:',
    '  level: warn',
    '',
  ].join('\n');
}

/**
 * Burrow's burrow.toml, read from the folder given by --config-dir. `dir` holds its pid
 * file. No notifier, so Burrow does not need ZooKeeper.
 */
export function burrowConfig({ brokers, port, intervalSeconds }: PeerConfigInput, dir: string): string {
  const servers = `[${brokers.map(quoted).join(', ')}]`;
  return [
    '[general]',
    `pidfile=${quoted(`${dir}/burrow.pid`)}`,
    '',
    '[logging]',
    'level="warn"',
    '',
    '[client-profile.bench]',
    'client-id="burrow-bench"',
    'kafka-version="2.8.0"',
    '',
    `[cluster.${BURROW_CLUSTER}]`,
    'class-name="kafka"',
    `servers=${servers}`,
    'client-profile="bench"',
    `topic-refresh=${intervalSeconds}`,
    `offset-refresh=${intervalSeconds}`,
    '',
    `[consumer.${BURROW_CLUSTER}]`,
    'class-name="kafka"',
    `cluster=${quoted(BURROW_CLUSTER)}`,
    `servers=${servers}`,
    'client-profile="bench"',
    '',
    '[storage.default]',
    'class-name="inmemory"',
    'min-distance=1',
    '',
    '[evaluator.default]',
    'class-name="caching"',
    `expire-cache=${intervalSeconds}`,
    '',
    '[httpserver.default]',
    `address=${quoted(`127.0.0.1:${port}`)}`,
    '',
  ].join('\n');
}

/** Watermark's WATERMARK_CONFIG: one cluster polled at the interval. */
export function watermarkConfig({ brokers, intervalSeconds }: Omit<PeerConfigInput, 'port'>): string {
  const config = { clusters: [{ id: 'bench', brokers, pollIntervalMs: intervalSeconds * 1000 }] };
  return `${JSON.stringify(config, null, 2)}\n`;
}
