/**
 * Turns a validated cluster config into client connection options, reading secrets
 * from the environment or files and building the TLS context from its files. The
 * result is never logged or serialised.
 */
import { ConfigInputs, type Env } from './config-inputs';
import { configFileOf } from './load-config';
import type { ClusterConfig, WebhookConfig } from './schema';
import { readSecret, type ClusterSource } from './secrets';
import { TlsBuilder, type ClientCertificate, type ResolvedTls } from './tls-context';

export type { ClientCertificate, ResolvedTls };

export interface ResolvedConnection {
  brokers: string[];
  requestTimeoutMs: number;
  /** Options for tls.connect: the context built from the files, servername and rejectUnauthorized. */
  tls?: ResolvedTls;
  sasl?: { mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512'; username: string; password: string };
  /** The client certificate in tls.certFile, when one is configured. */
  clientCertificate?: ClientCertificate;
}

export function clusterSource(cluster: ClusterConfig, env: Env): ClusterSource {
  return { configFile: configFileOf(env), clusterId: cluster.id };
}

/** Builds the connection from what `inputs` reads; throws a ConfigError naming the file, cluster and field. */
export function buildConnection(cluster: ClusterConfig, inputs: ConfigInputs, source: ClusterSource, nowMs: number) {
  const resolved: ResolvedConnection = { brokers: cluster.brokers, requestTimeoutMs: cluster.requestTimeoutMs };
  if (cluster.tls) {
    const built = new TlsBuilder(inputs, source, nowMs).build(cluster.tls);
    resolved.tls = built.tls;
    if (built.clientCertificate) resolved.clientCertificate = built.clientCertificate;
  }
  if (cluster.sasl) {
    resolved.sasl = {
      mechanism: cluster.sasl.mechanism,
      username: cluster.sasl.username,
      password: readSecret(cluster.sasl.password, 'sasl.password', inputs, source),
    };
  }
  return resolved;
}

/** The connection as the files and environment are now (see ConnectionSettings to follow rotations). */
export function resolveConnection(
  cluster: ClusterConfig,
  env: Env = process.env,
  nowMs: number = Date.now(),
): ResolvedConnection {
  return buildConnection(cluster, new ConfigInputs(env), clusterSource(cluster, env), nowMs);
}

/** The cluster's webhook targets with their URLs read (secrets from the environment or files). */
export function webhookTargets(
  cluster: ClusterConfig,
  env: Env = process.env,
): { url: string; format: WebhookConfig['format'] }[] {
  const inputs = new ConfigInputs(env);
  const source = clusterSource(cluster, env);
  return cluster.webhooks.map((hook, i) => ({
    url: typeof hook.url === 'string' ? hook.url : readSecret(hook.url, `webhooks[${i}].url`, inputs, source),
    format: hook.format,
  }));
}
