/**
 * One collector per cluster across replicas: a lease per cluster in PostgreSQL. A replica
 * polls a cluster only while it holds the cluster's lease; it renews the lease every
 * few seconds, and another replica may take it once it has expired (the holder died or
 * stalled). Time is the database's (now()), so the replicas' clocks do not matter.
 *
 * Every change of holder raises the lease's epoch. A holder writes only inside a
 * transaction that first locks its lease row as still its own, at its epoch and unexpired
 * (`fenced`): a taker's claim waits for that transaction, and a holder that wakes up after
 * losing its lease (SIGSTOP, a long pause) finds the row changed and writes nothing.
 */
import type { Pool, PoolClient } from 'pg';
import { LATEST_CYCLES_SCHEMA } from './latest-cycles';
import { LeaseLostError } from './lease-lost';

export interface Lease {
  cluster: string;
  owner: string;
  /** Raised on every change of holder. */
  epoch: number;
  /** When this holder took it (epoch ms, the database's clock). */
  since: number;
  expiresAt: number;
}

/** A replica seen recently, by its heartbeat. */
export interface ReplicaSeen {
  id: string;
  seenAt: number;
}

export { LeaseLostError };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS watermark_leases (
  cluster text PRIMARY KEY,
  owner text NOT NULL,
  epoch bigint NOT NULL,
  since timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS watermark_replicas (
  id text PRIMARY KEY,
  seen_at timestamptz NOT NULL
);`;

const LEASE_COLUMNS = `cluster, owner, epoch::float8 AS epoch,
  (extract(epoch FROM since) * 1000)::float8 AS since,
  (extract(epoch FROM expires_at) * 1000)::float8 AS "expiresAt"`;

/** A lease row as the queries above return it. */
type LeaseRow = Lease;

export class ClusterLeases {
  constructor(private readonly pool: Pool) {}

  /** Creates the tables when missing; safe to run from every replica at once. */
  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      // One replica at a time: CREATE TABLE IF NOT EXISTS can still collide on the catalog.
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['watermark_leases']);
      await client.query(SCHEMA);
      await client.query(LATEST_CYCLES_SCHEMA);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Takes the lease of `cluster` for `owner` for `ttlMs` when it is free, expired or
   * already `owner`'s (then renewed, same epoch); null when another replica holds it.
   */
  async claim(cluster: string, owner: string, ttlMs: number): Promise<Lease | null> {
    const { rows } = await this.pool.query<LeaseRow>(
      `INSERT INTO watermark_leases AS l (cluster, owner, epoch, since, expires_at)
       VALUES ($1, $2, 1, now(), now() + make_interval(secs => $3::float8 / 1000))
       ON CONFLICT (cluster) DO UPDATE SET
         owner = EXCLUDED.owner,
         epoch = CASE WHEN l.owner = EXCLUDED.owner THEN l.epoch ELSE l.epoch + 1 END,
         since = CASE WHEN l.owner = EXCLUDED.owner THEN l.since ELSE now() END,
         expires_at = EXCLUDED.expires_at
       WHERE l.owner = EXCLUDED.owner OR l.expires_at < now()
       RETURNING ${LEASE_COLUMNS}`,
      [cluster, owner, ttlMs],
    );
    return rows[0] ?? null;
  }

  /**
   * Renews every lease of `clusters` that is still `owner`'s, in one statement (same epoch,
   * expiring `ttlMs` from now); returns those renewed. A cluster left out was taken over.
   */
  async renew(clusters: string[], owner: string, ttlMs: number): Promise<Lease[]> {
    if (clusters.length === 0) return [];
    const { rows } = await this.pool.query<LeaseRow>(
      `UPDATE watermark_leases SET expires_at = now() + make_interval(secs => $3::float8 / 1000)
       WHERE cluster = ANY($1::text[]) AND owner = $2
       RETURNING ${LEASE_COLUMNS}`,
      [clusters, owner, ttlMs],
    );
    return rows;
  }

  /** Gives the lease up at once (a clean shutdown, or a replica holding more than its share). */
  async release(cluster: string, owner: string): Promise<void> {
    await this.pool.query('UPDATE watermark_leases SET expires_at = now() WHERE cluster = $1 AND owner = $2', [
      cluster,
      owner,
    ]);
  }

  /** Every lease, held or expired: who polls which cluster, and since when. */
  async all(): Promise<(Lease & { expired: boolean })[]> {
    const { rows } = await this.pool.query<LeaseRow & { expired: boolean }>(
      `SELECT ${LEASE_COLUMNS}, expires_at < now() AS expired FROM watermark_leases ORDER BY cluster`,
    );
    return rows;
  }

  /** Records that replica `id` is alive; returns the replicas seen within `withinMs`, this one included. */
  async heartbeat(id: string, withinMs: number): Promise<ReplicaSeen[]> {
    await this.pool.query(
      `INSERT INTO watermark_replicas (id, seen_at) VALUES ($1, now())
       ON CONFLICT (id) DO UPDATE SET seen_at = now()`,
      [id],
    );
    const { rows } = await this.pool.query<ReplicaSeen>(
      `SELECT id, (extract(epoch FROM seen_at) * 1000)::float8 AS "seenAt" FROM watermark_replicas
       WHERE seen_at > now() - make_interval(secs => $1::float8 / 1000) ORDER BY id`,
      [withinMs],
    );
    return rows;
  }

  /** Forgets a replica that stops cleanly, so the others take its share at once. */
  async leave(id: string): Promise<void> {
    await this.pool.query('DELETE FROM watermark_replicas WHERE id = $1', [id]);
  }

  /**
   * Runs `write` in a transaction that first locks `lease`'s row as still held by its owner,
   * at its epoch and unexpired; throws LeaseLostError (and writes nothing) when it is not.
   * A replica taking the lease meanwhile waits for the transaction to end.
   */
  async fenced<T>(lease: Lease, write: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rowCount } = await client.query(
        `SELECT 1 FROM watermark_leases WHERE cluster = $1 AND owner = $2 AND epoch = $3 AND expires_at > now()
         FOR SHARE`,
        [lease.cluster, lease.owner, lease.epoch],
      );
      if (rowCount !== 1) {
        throw new LeaseLostError(
          `the lease of cluster ${lease.cluster} is no longer ${lease.owner}'s (epoch ${lease.epoch})`,
        );
      }
      const result = await write(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
