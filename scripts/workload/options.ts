/**
 * Command-line flags of the traffic generator. Rates are messages per second.
 */
export interface WorkloadOptions {
  brokers: string[];
  ordersRate: number;
  hotKeyShare: number;
  paymentsRate: number;
  paymentsConsumeRate: number;
  clickstreamRate: number;
  auditRate: number;
  auditRetentionMs: number;
  scratchRate: number;
  /**
   * Every this many minutes (the first after two), the clickstream topic's retention.ms goes
   * to 6 hours or back to the broker's default: a config change for the timeline. 0: never.
   */
  configChangeMinutes: number;
}

export const DEFAULT_OPTIONS: Omit<WorkloadOptions, 'brokers'> = {
  ordersRate: 50,
  hotKeyShare: 0.3,
  paymentsRate: 40,
  paymentsConsumeRate: 25,
  clickstreamRate: 80,
  auditRate: 20,
  auditRetentionMs: 180_000,
  scratchRate: 5,
  configChangeMinutes: 10,
};

const FLAGS: Record<string, keyof typeof DEFAULT_OPTIONS> = {
  'orders-rate': 'ordersRate',
  'hot-key-share': 'hotKeyShare',
  'payments-rate': 'paymentsRate',
  'payments-consume-rate': 'paymentsConsumeRate',
  'clickstream-rate': 'clickstreamRate',
  'audit-rate': 'auditRate',
  'audit-retention-ms': 'auditRetentionMs',
  'scratch-rate': 'scratchRate',
  'config-change-minutes': 'configChangeMinutes',
};

export const USAGE = `Usage: npm run workload -- [--flag=value ...]
  ${Object.entries(FLAGS)
    .map(([flag, key]) => `--${flag}=${DEFAULT_OPTIONS[key]}`)
    .join('\n  ')}
Brokers come from KAFKA_BROKERS (default: the local cluster).`;

/** Parses `--flag=value` and `--flag value`; throws naming the flag on anything else. */
export function parseOptions(
  argv: string[],
  defaultBrokers: string[],
  env: Record<string, string | undefined> = process.env,
): WorkloadOptions {
  const options: WorkloadOptions = {
    ...DEFAULT_OPTIONS,
    brokers: env.KAFKA_BROKERS ? env.KAFKA_BROKERS.split(',').map((b) => b.trim()) : defaultBrokers,
  };
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    const key = match && FLAGS[match[1]];
    if (argv[i] === '--help') throw new Error(USAGE);
    if (!match || !key) throw new Error(`Unknown argument ${argv[i]}.\n${USAGE}`);
    const raw = match[2] ?? argv[++i];
    const value = Number(raw);
    if (raw === undefined || !Number.isFinite(value) || value < 0) {
      throw new Error(`--${match[1]} needs a number >= 0, got ${raw ?? 'nothing'}.`);
    }
    options[key] = value;
  }
  if (options.hotKeyShare > 1) throw new Error('--hot-key-share is a fraction between 0 and 1.');
  return options;
}
