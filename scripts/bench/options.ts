/**
 * Command-line flags of `npm run bench:collect`. KAFKA_BROKERS is the default for --brokers.
 */
import { LOCAL_BROKERS } from '../kafka/layout';

export interface BenchOptions {
  partitions: number;
  partitionsPerTopic: number;
  groups: number;
  cycles: number;
  brokers: string[];
  /** Null: as many replicas as the cluster has live brokers, up to 3. */
  replicationFactor: number | null;
  keep: boolean;
  /** Measure the cluster as it is: create nothing, delete nothing. */
  existing: boolean;
}

/** A bad flag: main prints only the message, without the "failed:" prefix. */
export class UsageError extends Error {}

type NumberOption = 'partitions' | 'partitionsPerTopic' | 'groups' | 'cycles' | 'replicationFactor';

const NUMBER_FLAGS: Record<string, { key: NumberOption; min: number }> = {
  partitions: { key: 'partitions', min: 1 },
  'partitions-per-topic': { key: 'partitionsPerTopic', min: 1 },
  groups: { key: 'groups', min: 0 },
  cycles: { key: 'cycles', min: 1 },
  'replication-factor': { key: 'replicationFactor', min: 1 },
};

export const USAGE = `Usage: npm run bench:collect -- [--partitions=1000] [--partitions-per-topic=10] [--groups=100]
                              [--cycles=5] [--replication-factor=N] [--brokers=host:port,...] [--keep] [--existing]
--brokers defaults to KAFKA_BROKERS, else the local cluster (${LOCAL_BROKERS.join(',')}).
--replication-factor defaults to the live brokers, up to 3.
--keep leaves the bench topics and groups on the cluster.
--existing measures the cluster as it is (for instance what an earlier --keep left): nothing created or deleted.`;

export function parseBrokers(raw: string, source: string): string[] {
  const brokers = raw
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const bad = brokers.find((b) => !/^[^\s:,]+:\d{1,5}$/.test(b));
  if (bad !== undefined || brokers.length === 0) throw new UsageError(`${source}: "${bad ?? raw}" is not host:port.`);
  return brokers;
}

export function parseCount(flag: string, raw: string, min: number): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min) {
    throw new UsageError(`--${flag} needs a whole number >= ${min}, got "${raw}".`);
  }
  return value;
}

export function brokersFromEnv(env: Record<string, string | undefined>): string[] {
  return env.KAFKA_BROKERS?.trim() ? parseBrokers(env.KAFKA_BROKERS, 'KAFKA_BROKERS') : LOCAL_BROKERS;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const options: BenchOptions = {
    partitions: 1000,
    partitionsPerTopic: 10,
    groups: 100,
    cycles: 5,
    brokers: brokersFromEnv(env),
    replicationFactor: null,
    keep: false,
    existing: false,
  };
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const [flag, value] = match ? [match[1], match[2]] : ['', undefined];
    const numeric = Object.hasOwn(NUMBER_FLAGS, flag) ? NUMBER_FLAGS[flag] : undefined;
    if (arg === '--keep') options.keep = true;
    else if (arg === '--existing') options.existing = true;
    else if (numeric && value !== undefined) options[numeric.key] = parseCount(flag, value, numeric.min);
    else if (flag === 'brokers' && value !== undefined) options.brokers = parseBrokers(value, '--brokers');
    else if (arg === '--help') throw new UsageError(USAGE);
    else throw new UsageError(`Unknown argument ${arg}.\n${USAGE}`);
  }
  return options;
}
