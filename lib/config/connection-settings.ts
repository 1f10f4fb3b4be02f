/**
 * A cluster's connection settings that follow secrets and certificates rotated on disk
 * (Kubernetes secrets, Vault agent) or in the environment, for the Kafka layer to hold
 * instead of a fixed ResolvedConnection. It reads nothing by itself: whoever holds it
 * calls reload() when a connection fails to authenticate or a TLS handshake fails (and
 * may on a timer), and reconnects with current() when reload() says something changed.
 */
import { ConfigError } from './brokers-from-env';
import { ConfigInputs, type Env } from './config-inputs';
import { buildConnection, clusterSource, type ResolvedConnection } from './connection-options';
import type { ClusterConfig } from './schema';
import type { ClusterSource } from './secrets';

export interface ReloadResult {
  /** True when current() now returns new settings (a new object): reconnect with them. */
  changed: boolean;
  /** Why the files or variables as they are now cannot be used; current() keeps the last good settings. */
  error?: ConfigError;
}

export class ConnectionSettings {
  readonly #cluster: ClusterConfig;
  readonly #source: ClusterSource;
  readonly #now: () => number;
  #inputs: ConfigInputs;
  #current: ResolvedConnection;
  /** The last readings that could not be used, and why: not rebuilt again while they stay the same. */
  #rejected: { inputs: ConfigInputs; error: ConfigError } | null = null;

  /** Reads every secret and TLS file now; throws a ConfigError naming the file, cluster and field. */
  constructor(cluster: ClusterConfig, env: Env = process.env, now: () => number = Date.now) {
    this.#cluster = cluster;
    this.#source = clusterSource(cluster, env);
    this.#now = now;
    this.#inputs = new ConfigInputs(env);
    this.#current = buildConnection(cluster, this.#inputs, this.#source, now());
  }

  /** The settings to connect with: the same object until a reload changes them. */
  current(): ResolvedConnection {
    return this.#current;
  }

  /**
   * Reads every `{ file }` and `{ env }` secret and TLS file again. When none changed it
   * only reads them (a few small files) and compares; when one did, it checks them all and
   * builds a new TLS context. Invalid new contents leave current() as it was and come back
   * as `error`. Never throws for a bad file.
   */
  reload(): ReloadResult {
    const fresh = this.#inputs.reread();
    if (fresh.sameAs(this.#inputs)) return { changed: false };
    if (this.#rejected && fresh.sameAs(this.#rejected.inputs)) return { changed: false, error: this.#rejected.error };
    try {
      this.#current = buildConnection(this.#cluster, fresh, this.#source, this.#now());
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.#rejected = { inputs: fresh, error };
      return { changed: false, error };
    }
    this.#inputs = fresh;
    this.#rejected = null;
    return { changed: true };
  }
}
