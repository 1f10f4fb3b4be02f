/**
 * Turns a validated cluster config into client connection options, reading
 * secrets from the environment or files. The result is never logged or serialised.
 */
import fs from 'node:fs';
import { ConfigError } from './brokers-from-env';
import type { ClusterConfig, SecretRef } from './schema';

export interface ResolvedConnection {
  brokers: string[];
  requestTimeoutMs: number;
  tls?: {
    ca?: string;
    cert?: string;
    key?: string;
    passphrase?: string;
    servername?: string;
    rejectUnauthorized: boolean;
  };
  sasl?: { mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512'; username: string; password: string };
}

type Env = Record<string, string | undefined>;

export function readSecret(ref: SecretRef, field: string, clusterId: string, env: Env): string {
  if ('env' in ref) {
    const value = env[ref.env];
    if (value === undefined)
      throw new ConfigError(`cluster "${clusterId}": ${field}: environment variable ${ref.env} is not set`);
    return value;
  }
  return readFile(ref.file, field, clusterId).trim();
}

function readFile(file: string, field: string, clusterId: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `cluster "${clusterId}": ${field}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

export function resolveConnection(cluster: ClusterConfig, env: Env = process.env): ResolvedConnection {
  const resolved: ResolvedConnection = { brokers: cluster.brokers, requestTimeoutMs: cluster.requestTimeoutMs };
  if (cluster.tls === true) {
    resolved.tls = { rejectUnauthorized: true };
  } else if (cluster.tls) {
    const tls = cluster.tls;
    resolved.tls = {
      rejectUnauthorized: tls.rejectUnauthorized,
      servername: tls.servername,
      ca: tls.caFile ? readFile(tls.caFile, 'tls.caFile', cluster.id) : undefined,
      cert: tls.certFile ? readFile(tls.certFile, 'tls.certFile', cluster.id) : undefined,
      key: tls.keyFile ? readFile(tls.keyFile, 'tls.keyFile', cluster.id) : undefined,
      passphrase: tls.keyPassword ? readSecret(tls.keyPassword, 'tls.keyPassword', cluster.id, env) : undefined,
    };
  }
  if (cluster.sasl) {
    resolved.sasl = {
      mechanism: cluster.sasl.mechanism,
      username: cluster.sasl.username,
      password: readSecret(cluster.sasl.password, 'sasl.password', cluster.id, env),
    };
  }
  return resolved;
}

/** The cluster's webhook targets with their URLs read (secrets from the environment or files). */
export function webhookTargets(
  cluster: ClusterConfig,
  env: Env = process.env,
): { url: string; format: 'json' | 'slack' }[] {
  return cluster.webhooks.map((hook, i) => ({
    url: typeof hook.url === 'string' ? hook.url : readSecret(hook.url, `webhooks[${i}].url`, cluster.id, env),
    format: hook.format,
  }));
}
