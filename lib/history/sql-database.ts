/**
 * What the history's stores use of a database: the synchronous API of better-sqlite3 (the
 * SQLite file), of which PostgresDatabase implements the same part. Statements take `?`
 * parameters in order, or `@name` ones from one object.
 *
 * SQL written here runs on both: `INSERT … ON CONFLICT … DO UPDATE/NOTHING` rather than
 * SQLite's `INSERT OR REPLACE`, `RETURNING id` rather than lastInsertRowid, camelCase
 * aliases in double quotes (PostgreSQL folds unquoted names to lower case), and a
 * parameter tested for NULL cast to its type (PostgreSQL cannot infer it).
 */
export interface SqlRunResult {
  changes: number;
}

export interface SqlStatement<P extends unknown[] = unknown[], R = unknown> {
  run(...params: P): SqlRunResult;
  get(...params: P): R | undefined;
  all(...params: P): R[];
  /** The first column only, for get and all. */
  pluck(): SqlStatement<P, unknown>;
}

export interface SqlDatabase {
  /** As better-sqlite3 types it: P is the parameters in order, or the one object of named ones. */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  prepare<P extends unknown[] | {} = unknown[], R = unknown>(
    sql: string,
  ): P extends unknown[] ? SqlStatement<P, R> : SqlStatement<[P], R>;
  /** `fn` in one transaction (nested: a savepoint); rolled back when it throws. */
  transaction<A extends unknown[], T>(fn: (...args: A) => T): (...args: A) => T;
  /** Statements without parameters, separated by semicolons. */
  exec(sql: string): unknown;
}
