/**
 * A cluster's history, written only while this replica holds the cluster's lease. Every
 * write transaction on it first locks the lease row as still this replica's, at the epoch
 * it took it with and unexpired (as ClusterLeases.fenced does for the asynchronous pool);
 * otherwise it throws LeaseLostError and writes nothing. A replica that stalled past its
 * lease (SIGSTOP, a long pause) and wakes up after another took the cluster over is
 * refused here, and the one that took over waits for a write already under way.
 *
 * A statement run() outside any transaction is given one, so it is fenced too. A get() or
 * all() is taken for a read and is not fenced: a write through them (INSERT … RETURNING)
 * is fenced only inside a transaction, as the history's are. Every replica reads every cluster.
 */
import type { SqlDatabase, SqlRunResult, SqlStatement } from '../history/sql-database';
import type { Lease } from './cluster-leases';
import { LeaseLostError } from './lease-lost';

const FENCE = `SELECT 1 AS held FROM watermark_leases
  WHERE cluster = ? AND owner = ? AND epoch = ? AND expires_at > now() FOR SHARE`;

export class FencedDatabase implements SqlDatabase {
  #depth = 0;

  constructor(
    private readonly db: SqlDatabase,
    private readonly cluster: string,
    /** The lease this replica holds on `cluster` now; null when it holds none. */
    private readonly lease: () => Lease | null,
  ) {}

  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  prepare<P extends unknown[] | {} = unknown[], R = unknown>(
    sql: string,
  ): P extends unknown[] ? SqlStatement<P, R> : SqlStatement<[P], R> {
    const statement: SqlStatement = new FencedStatement(this.db.prepare(sql), (write) =>
      this.#depth > 0 ? write() : this.transaction(write)(),
    );
    return statement as P extends unknown[] ? SqlStatement<P, R> : SqlStatement<[P], R>;
  }

  exec(sql: string): unknown {
    return this.#depth > 0 ? this.db.exec(sql) : this.transaction(() => this.db.exec(sql))();
  }

  transaction<A extends unknown[], T>(fn: (...args: A) => T): (...args: A) => T {
    const inner = this.db.transaction((...args: A) => {
      if (this.#depth === 0) this.#fence();
      this.#depth++;
      try {
        return fn(...args);
      } finally {
        this.#depth--;
      }
    });
    return inner;
  }

  #fence(): void {
    const lease = this.lease();
    if (!lease || lease.cluster !== this.cluster) {
      throw new LeaseLostError(`this replica holds no lease on cluster ${this.cluster}: it does not write its history`);
    }
    const held = this.db.prepare(FENCE).get(lease.cluster, lease.owner, lease.epoch);
    if (held === undefined) {
      throw new LeaseLostError(
        `the lease of cluster ${lease.cluster} is no longer ${lease.owner}'s (epoch ${lease.epoch}): nothing written`,
      );
    }
  }
}

class FencedStatement implements SqlStatement {
  constructor(
    private readonly statement: SqlStatement,
    private readonly inTransaction: <T>(write: () => T) => T,
  ) {}

  run(...params: unknown[]): SqlRunResult {
    return this.inTransaction(() => this.statement.run(...params));
  }

  get(...params: unknown[]): unknown {
    return this.statement.get(...params);
  }

  all(...params: unknown[]): unknown[] {
    return this.statement.all(...params);
  }

  pluck(): SqlStatement {
    this.statement.pluck();
    return this;
  }
}
