/**
 * The start-up log line: what this server watches and how, without a secret. Passwords,
 * key passphrases and webhook URLs (Slack's carry a token) are left out altogether: only
 * whether TLS is on, the SASL mechanism and user name, and how many webhooks there are.
 */
import type { WatermarkConfig } from '../config/schema';

export interface StartSummaryInput {
  config: WatermarkConfig;
  /** WATERMARK_CONFIG, or null when the one cluster comes from KAFKA_BROKERS. */
  configFile: string | null;
  dataDir: string;
  /** Why no history is kept, or null. */
  historyOff: string | null;
  version: string;
  nodeVersion: string;
  logLevel: string;
}

/** A URL without user info, query or fragment: what is left cannot hold a credential. */
function bareUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function clusterSummary(cluster: WatermarkConfig['clusters'][number]) {
  return {
    id: cluster.id,
    brokers: cluster.brokers.length,
    tls: cluster.tls !== undefined,
    sasl: cluster.sasl ? { mechanism: cluster.sasl.mechanism, username: cluster.sasl.username } : null,
    pollIntervalMs: cluster.pollIntervalMs,
    webhooks: cluster.webhooks.length,
  };
}

function describeCluster(c: ReturnType<typeof clusterSummary>): string {
  const parts = [
    plural(c.brokers, 'bootstrap broker'),
    ...(c.tls ? ['TLS'] : []),
    ...(c.sasl ? [`SASL ${c.sasl.mechanism} as ${c.sasl.username}`] : []),
    `every ${c.pollIntervalMs / 1000} s`,
    ...(c.webhooks ? [plural(c.webhooks, 'webhook')] : []),
  ];
  return `${c.id} (${parts.join(', ')})`;
}

/** Who may sign in and how many grants and tokens there are; never a hash, token or secret. */
function authSummary(auth: WatermarkConfig['auth']) {
  if (auth.mode === 'none') return { mode: auth.mode };
  return {
    mode: auth.mode,
    ...(auth.mode === 'basic' ? { users: auth.users.length, usersFile: auth.usersFile ?? null } : {}),
    ...(auth.mode === 'oidc' ? { issuer: bareUrl(auth.oidc.issuer), clientId: auth.oidc.clientId } : {}),
    ...(auth.mode === 'proxy' ? { trustedProxies: auth.proxy.trustedProxies } : {}),
    grants: auth.grants.length,
    tokens: auth.tokens.length,
  };
}

/** Fields for a log system, and the same as one sentence. */
export function startSummary(input: StartSummaryInput): { fields: Record<string, unknown>; msg: string } {
  const { config, dataDir, historyOff } = input;
  const clusters = config.clusters.map(clusterSummary);
  const history = { dataDir, ...config.history, off: historyOff };
  const fields = {
    version: input.version,
    nodeVersion: input.nodeVersion,
    configFile: input.configFile,
    clusters,
    history,
    publicUrl: config.publicUrl ? bareUrl(config.publicUrl) : null,
    allowedHosts: config.allowedHosts ?? [],
    auth: authSummary(config.auth),
    logLevel: input.logLevel,
  };
  const kept = historyOff
    ? `history OFF (${historyOff})`
    : `history in ${dataDir}, kept ${config.history.horizonDays} days`;
  const signIn = config.auth.mode === 'none' ? 'no sign-in (auth.mode none)' : `sign-in: ${config.auth.mode}`;
  const msg = `Watermark ${input.version} started: collecting from ${clusters.map(describeCluster).join(', ')}; ${kept}; ${signIn}`;
  return { fields, msg };
}
