/**
 * A replica's side of the cluster leases: every `renewMs` it reports itself alive, renews
 * the leases it keeps, gives up those beyond its fair share and tries to take free or
 * expired ones (lease-plan.ts), and says which clusters it gained and lost. A lease it
 * could not renew in time (the database unreachable) is treated as lost once it expires:
 * another replica may hold it by then.
 */
import { describeError } from '../kafka/errors';
import type { Logger } from '../log/logger';
import type { ClusterLeases, Lease } from './cluster-leases';
import { planLeases } from './lease-plan';

export interface LeaseKeeperOptions {
  replica: string;
  clusters: readonly string[];
  leases: ClusterLeases;
  /** How long a lease lasts without renewal: the longest a dead holder keeps a cluster unpolled. */
  ttlMs: number;
  /** How often leases are renewed and taken; a third of the TTL by default. */
  renewMs?: number;
  onGained: (lease: Lease) => void;
  onLost: (cluster: string) => void;
  log: Logger;
}

export class LeaseKeeper {
  readonly #held = new Map<string, Lease>();
  /** Per held cluster, by this process's clock: when the round that last renewed it began, plus the TTL. */
  readonly #expires = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();
  #stopped = false;
  #failing = false;

  constructor(private readonly options: LeaseKeeperOptions) {}

  /** The leases held now, by cluster. */
  held(): ReadonlyMap<string, Lease> {
    return this.#held;
  }

  /** Runs the first round at once; resolves when it is done. */
  start(): Promise<void> {
    this.#running = this.#round();
    return this.#running;
  }

  /** Stops renewing; with `release`, gives every lease up for the other replicas to take at once. */
  async stop(release = true): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    const { leases, replica } = this.options;
    const held = [...this.#held.keys()];
    this.#held.clear();
    this.#expires.clear();
    for (const cluster of held) this.options.onLost(cluster);
    if (!release) return;
    await Promise.all(held.map((cluster) => leases.release(cluster, replica).catch(() => undefined)));
    await leases.leave(replica).catch(() => undefined);
  }

  /** One round now (tests), after the one running. */
  async roundNow(): Promise<void> {
    await this.#running;
    this.#running = this.#round();
    await this.#running;
  }

  async #round(): Promise<void> {
    const { replica, clusters, leases, ttlMs, log } = this.options;
    // Taken before any request: the database's expiry is later than this, never earlier.
    const startedAt = performance.now();
    try {
      const live = await leases.heartbeat(replica, ttlMs);
      const plan = planLeases({ replica, clusters, held: new Set(this.#held.keys()), liveReplicas: live.length });
      for (const cluster of plan.release) {
        await leases.release(cluster, replica);
        this.#lose(cluster);
      }
      // One statement for every lease held, however many clusters.
      const renewed = new Map((await leases.renew(plan.renew, replica, ttlMs)).map((l) => [l.cluster, l]));
      for (const cluster of plan.renew) {
        const lease = renewed.get(cluster);
        if (lease) this.#keep(lease, startedAt);
        else this.#lose(cluster);
      }
      for (const cluster of plan.tryToTake) {
        if (this.#held.size >= plan.fairShare || this.#stopped) break;
        const lease = await leases.claim(cluster, replica, ttlMs);
        if (!lease) continue;
        this.#keep(lease, startedAt);
        this.options.onGained(lease);
      }
      if (this.#failing) log.info({ component: 'replicas' }, 'cluster leases are renewed again');
      this.#failing = false;
    } catch (failure) {
      const error = describeError(failure);
      if (!this.#failing) log.error({ component: 'replicas', error }, `cannot renew the cluster leases: ${error}`);
      this.#failing = true;
      // Past its expiry a lease may be another replica's: stop polling that cluster.
      const now = performance.now();
      for (const [cluster, expires] of this.#expires) if (expires <= now) this.#lose(cluster);
    }
    if (!this.#stopped) {
      this.#timer = setTimeout(
        () => {
          this.#running = this.#round();
        },
        this.options.renewMs ?? Math.floor(ttlMs / 3),
      );
    }
  }

  #keep(lease: Lease, renewedAt: number): void {
    this.#held.set(lease.cluster, lease);
    this.#expires.set(lease.cluster, renewedAt + this.options.ttlMs);
  }

  #lose(cluster: string): void {
    this.#expires.delete(cluster);
    if (!this.#held.delete(cluster)) return;
    this.options.onLost(cluster);
  }
}
