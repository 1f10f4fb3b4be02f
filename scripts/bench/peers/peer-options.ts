/**
 * Command-line flags of `npm run bench:peers`. KAFKA_BROKERS is the default for --brokers,
 * PEERS_DIR for --peers-dir (the folder with the peers' source tarballs).
 */
import path from 'node:path';
import { REPO_ROOT } from '../../kafka/layout';
import { brokersFromEnv, parseBrokers, parseCount, UsageError } from '../options';

export interface PeerBenchOptions {
  partitions: number;
  partitionsPerTopic: number;
  groups: number;
  replicationFactor: number | null;
  intervalSeconds: number;
  /** Measured cycles, split in two halves of equal length. */
  cycles: number;
  brokers: string[];
  /** Watermark's HTTP port; the peers get free ports of their own. */
  port: number;
  peersDir: string;
  /** Measure the bench topics and groups an earlier `bench:collect -- --keep` left: nothing created or deleted. */
  existing: boolean;
}

/** The tarballs sit beside the repository by default, not in it: they are not part of the project. */
export const DEFAULT_PEERS_DIR = path.join('..', 'shared', 'peers');

type NumberOption =
  'partitions' | 'partitionsPerTopic' | 'groups' | 'replicationFactor' | 'intervalSeconds' | 'cycles' | 'port';

const NUMBER_FLAGS: Record<string, { key: NumberOption; min: number }> = {
  partitions: { key: 'partitions', min: 1 },
  'partitions-per-topic': { key: 'partitionsPerTopic', min: 1 },
  groups: { key: 'groups', min: 1 },
  'replication-factor': { key: 'replicationFactor', min: 1 },
  interval: { key: 'intervalSeconds', min: 1 },
  cycles: { key: 'cycles', min: 2 },
  port: { key: 'port', min: 1 },
};

export const PEERS_USAGE = `Usage: npm run bench:peers -- [--partitions=1000] [--partitions-per-topic=10] [--groups=100]
                             [--interval=10] [--cycles=12] [--port=3100] [--replication-factor=N]
                             [--brokers=host:port,...] [--peers-dir=DIR] [--existing]
--interval is the poll (and scrape) interval in seconds; --cycles the measured intervals (even).
--brokers defaults to KAFKA_BROKERS, else the local cluster.
--peers-dir (or PEERS_DIR) holds kminion-2.3.5.tar.gz and burrow-1.9.5.tar.gz; default ${DEFAULT_PEERS_DIR},
relative to the repository root.
--existing measures the bench topics and groups an earlier \`npm run bench:collect -- --keep\` left
(one run's), instead of creating and deleting its own; --partitions, --groups and the like are then unused.`;

export function parsePeerOptions(argv: string[], env: Record<string, string | undefined>): PeerBenchOptions {
  const options: PeerBenchOptions = {
    partitions: 1000,
    partitionsPerTopic: 10,
    groups: 100,
    replicationFactor: null,
    intervalSeconds: 10,
    cycles: 12,
    brokers: brokersFromEnv(env),
    port: 3100,
    peersDir: path.resolve(REPO_ROOT, env.PEERS_DIR?.trim() || DEFAULT_PEERS_DIR),
    existing: false,
  };
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const [flag, value] = match ? [match[1], match[2]] : ['', undefined];
    const numeric = Object.hasOwn(NUMBER_FLAGS, flag) ? NUMBER_FLAGS[flag] : undefined;
    if (numeric && value !== undefined) options[numeric.key] = parseCount(flag, value, numeric.min);
    else if (flag === 'brokers' && value !== undefined) options.brokers = parseBrokers(value, '--brokers');
    else if (flag === 'peers-dir' && value) options.peersDir = path.resolve(REPO_ROOT, value);
    else if (arg === '--existing') options.existing = true;
    else if (arg === '--help') throw new UsageError(PEERS_USAGE);
    else throw new UsageError(`Unknown argument ${arg}.\n${PEERS_USAGE}`);
  }
  if (options.cycles % 2 !== 0)
    throw new UsageError(`--cycles needs an even number (two halves), got ${options.cycles}.`);
  return options;
}
