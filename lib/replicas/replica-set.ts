/**
 * This replica among several sharing one PostgreSQL (`history.postgres`): a lease per
 * cluster decides which replica polls it (lease-keeper.ts); every cluster is a
 * ReplicaCluster that polls while its lease is held here and follows otherwise, so every
 * replica serves every cluster.
 */
import { hostname } from 'node:os';
import pg from 'pg';
import { describeError } from '../kafka/errors';
import type { Logger } from '../log/logger';
import { ClusterLeases, type Lease } from './cluster-leases';
import { LeaseKeeper } from './lease-keeper';
import type { ReplicaCluster, ReplicaRole } from './replica-cluster';

/** Who polls each cluster, as /api/health reports it. */
export interface ReplicaStatus {
  replica: string;
  leaseTtlMs: number;
  clusters: {
    id: string;
    /** This replica's part: it polls the cluster, or follows the one that does. */
    role: ReplicaRole | null;
    /** The replica holding the lease, and since when (epoch ms); null when none holds it now. */
    owner: string | null;
    ownerSince: number | null;
  }[];
  /** Why the leases could not be read last time (the database away); this replica's own roles still hold. */
  error: string | null;
}

/** A cluster's polling as the pages show it: who polls it, since when, and which replica answered. */
export interface ClusterPolling {
  /** The replica holding the cluster's lease; null while none does (a takeover under way). */
  polledBy: string | null;
  since: number | null;
  /** The replica that served this answer. */
  servedBy: string;
  /** Why the leases could not be read last time; `polledBy` is then as read at `leasesReadAt`. */
  leasesError: string | null;
  leasesReadAt: number | null;
}

/** This process's name among the replicas: WATERMARK_REPLICA_ID (a pod's name), else host and pid. */
export function replicaId(env: Record<string, string | undefined>): string {
  return env.WATERMARK_REPLICA_ID?.trim() || `${hostname()}-${process.pid}`;
}

export class ReplicaSet {
  readonly #pool: pg.Pool;
  readonly #leases: ClusterLeases;
  readonly #keeper: LeaseKeeper;
  #started: Promise<void> = Promise.resolve();
  #retry: NodeJS.Timeout | undefined;
  #stopped = false;
  /** Every cluster's lease as last read (every renewal period), for the pages. */
  #owners = new Map<string, { owner: string; since: number }>();
  /** Why the leases could not be read last time; null when they were. */
  #ownersError: string | null = null;
  /** When the leases were last read; null before the first reading. */
  #ownersReadAt: number | null = null;
  #ownersTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: {
      replica: string;
      url: string;
      queryTimeoutMs: number;
      leaseTtlMs: number;
      clusters: Map<string, ReplicaCluster>;
      log: Logger;
    },
  ) {
    const { url, queryTimeoutMs, log } = options;
    this.#pool = new pg.Pool({
      connectionString: url,
      max: 2,
      connectionTimeoutMillis: queryTimeoutMs,
      query_timeout: queryTimeoutMs,
    });
    // An idle connection the server closed (a PostgreSQL restart): the next query opens another.
    this.#pool.on('error', (error) =>
      log.warn({ component: 'replicas', error: error.message }, `lease connection lost: ${error.message}`),
    );
    this.#leases = new ClusterLeases(this.#pool);
    this.#keeper = new LeaseKeeper({
      replica: options.replica,
      clusters: [...options.clusters.keys()],
      leases: this.#leases,
      ttlMs: options.leaseTtlMs,
      onGained: (lease) => void options.clusters.get(lease.cluster)?.poll(),
      onLost: (cluster) => void options.clusters.get(cluster)?.follow(),
      log,
    });
  }

  get replica(): string {
    return this.options.replica;
  }

  /** The lease this replica holds on `cluster` now, or null. */
  lease(cluster: string): Lease | null {
    return this.#keeper.held().get(cluster) ?? null;
  }

  /**
   * Creates the lease tables, takes this replica's share of the clusters and follows the
   * others. A database that cannot be reached is tried again every few seconds.
   */
  start(): void {
    this.#started = this.#start();
  }

  async #start(): Promise<void> {
    const { clusters, log } = this.options;
    try {
      await this.#leases.migrate();
    } catch (failure) {
      const error = describeError(failure);
      this.#ownersError = error;
      log.error({ component: 'replicas', error }, `cannot create the cluster lease tables: ${error} (trying again)`);
      if (!this.#stopped) this.#retry = setTimeout(() => this.start(), 5000);
      return;
    }
    if (this.#stopped) return;
    await this.#keeper.start();
    const held = this.#keeper.held();
    await Promise.all([...clusters.values()].filter((c) => !held.has(c.id)).map((c) => c.follow()));
    await this.#readOwners();
  }

  /** Reads who holds each lease, then again every third of the TTL; a failure keeps the last reading. */
  async #readOwners(): Promise<void> {
    try {
      const leases = await this.#leases.all();
      this.#owners = new Map(leases.filter((l) => !l.expired).map((l) => [l.cluster, l]));
      this.#ownersError = null;
      this.#ownersReadAt = Date.now();
    } catch (failure) {
      // Logged by the keeper, whose renewals fail alike.
      this.#ownersError = describeError(failure);
    }
    if (!this.#stopped) this.#ownersTimer = setTimeout(() => void this.#readOwners(), this.options.leaseTtlMs / 3);
  }

  /** Who polls `cluster`, as last read (at most a third of the TTL old); this replica's own part is current. */
  polling(cluster: string): ClusterPolling {
    const { replica } = this.options;
    const mine = this.#keeper.held().get(cluster);
    const read = mine ? { owner: replica, since: mine.since } : this.#owners.get(cluster);
    const owner = read && (read.owner !== replica || mine) ? read : undefined;
    return {
      polledBy: owner?.owner ?? null,
      since: owner?.since ?? null,
      servedBy: replica,
      // This replica's own lease is known without reading any.
      leasesError: mine ? null : this.#ownersError,
      leasesReadAt: this.#ownersReadAt,
    };
  }

  /**
   * Who polls each cluster, from the leases as last read (at most a third of the TTL old): a
   * health check never waits on the database.
   */
  status(): ReplicaStatus {
    const { replica, leaseTtlMs, clusters } = this.options;
    return {
      replica,
      leaseTtlMs,
      clusters: [...clusters.values()].map((cluster) => {
        const { polledBy, since } = this.polling(cluster.id);
        return { id: cluster.id, role: cluster.role()?.role ?? null, owner: polledBy, ownerSince: since };
      }),
      error: this.#ownersError,
    };
  }

  /** Stops taking leases; the clusters' loops are stopped by the runtime. */
  async stopKeeping(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#retry);
    clearTimeout(this.#ownersTimer);
    await this.#started;
  }

  /** Gives every lease up for the other replicas to take at once, then closes the connections. */
  async leave(): Promise<void> {
    await this.stopKeeping();
    await this.#keeper.stop(true);
    await this.#pool.end().catch(() => undefined);
  }
}
