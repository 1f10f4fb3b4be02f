/**
 * The history's stores on PostgreSQL: the part of better-sqlite3's API they use
 * (sql-database.ts), over SyncPostgres. Parameters are rewritten from SQLite's `?` and
 * `@name` to PostgreSQL's `$1`; a transaction is BEGIN … COMMIT on the one connection, a
 * nested one a savepoint.
 */
import type { SqlDatabase, SqlRunResult, SqlStatement } from '../sql-database';
import type { SyncPostgres } from './sync-postgres';

export interface PostgresSql {
  text: string;
  /** The names of `@name` parameters in `$n` order; null for positional `?` ones. */
  names: string[] | null;
}

/**
 * `sql` with its `?` or `@name` parameters as `$1`, `$2`…; text in quotes (strings,
 * identifiers) is left alone. A name used twice is one parameter.
 */
export function toPostgresSql(sql: string): PostgresSql {
  let text = '';
  let positional = 0;
  const names: string[] = [];
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      text += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '?') {
      text += `$${++positional}`;
    } else if (c === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))![0];
      let index = names.indexOf(name);
      if (index === -1) index = names.push(name) - 1;
      text += `$${index + 1}`;
      i += name.length;
    } else {
      text += c;
    }
  }
  if (positional > 0 && names.length > 0) throw new Error(`mixed ? and @name parameters in: ${sql}`);
  return { text, names: names.length > 0 ? names : null };
}

class PostgresStatement implements SqlStatement {
  #pluck = false;

  constructor(
    private readonly client: SyncPostgres,
    private readonly sql: PostgresSql,
  ) {}

  run(...params: unknown[]): SqlRunResult {
    return { changes: this.#query(params).rowCount };
  }

  get(...params: unknown[]): unknown {
    const [row] = this.#query(params).rows;
    return row === undefined ? undefined : this.#shape(row);
  }

  all(...params: unknown[]): unknown[] {
    return this.#query(params).rows.map((row) => this.#shape(row));
  }

  pluck(): SqlStatement {
    this.#pluck = true;
    return this;
  }

  #shape(row: Record<string, unknown>): unknown {
    return this.#pluck ? Object.values(row)[0] : row;
  }

  #query(params: unknown[]) {
    const { text, names } = this.sql;
    return this.client.query(text, names ? namedValues(names, params[0]) : params);
  }
}

function namedValues(names: string[], values: unknown): unknown[] {
  const object = (values ?? {}) as Record<string, unknown>;
  return names.map((name) => {
    // As better-sqlite3 does: a missing parameter is a mistake, not a NULL.
    if (!(name in object)) throw new RangeError(`missing named parameter "${name}"`);
    return object[name];
  });
}

export class PostgresDatabase implements SqlDatabase {
  /** Transactions open on the connection: the next one nested is a savepoint. */
  #depth = 0;

  constructor(readonly client: SyncPostgres) {}

  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  prepare<P extends unknown[] | {} = unknown[], R = unknown>(
    sql: string,
  ): P extends unknown[] ? SqlStatement<P, R> : SqlStatement<[P], R> {
    // Rewritten once, run many times; PostgreSQL plans each run (no server-side statement).
    const statement: SqlStatement = new PostgresStatement(this.client, toPostgresSql(sql));
    return statement as P extends unknown[] ? SqlStatement<P, R> : SqlStatement<[P], R>;
  }

  exec(sql: string): void {
    this.client.query(sql);
  }

  transaction<A extends unknown[], T>(fn: (...args: A) => T): (...args: A) => T {
    return (...args: A) => {
      const savepoint = this.#depth > 0 ? `nested_${this.#depth}` : null;
      this.client.query(savepoint ? `SAVEPOINT ${savepoint}` : 'BEGIN');
      this.#depth++;
      let result: T;
      try {
        result = fn(...args);
      } catch (error) {
        this.#depth--;
        try {
          this.client.query(savepoint ? `ROLLBACK TO SAVEPOINT ${savepoint}` : 'ROLLBACK');
        } catch {
          // The connection is gone, and the transaction with it: nothing is left to undo.
        }
        throw error;
      }
      this.#depth--;
      this.client.query(savepoint ? `RELEASE SAVEPOINT ${savepoint}` : 'COMMIT');
      return result;
    };
  }
}
