/**
 * Where the history is kept: the SQLite file in the data directory (the default), or a
 * PostgreSQL that several replicas share (`history.postgres`). Both are opened here, as
 * the SqlDatabase the history's stores take, so nothing above knows which one runs.
 */
import type { Env } from '../config/config-inputs';
import { ConfigInputs } from '../config/config-inputs';
import type { HistoryConfig } from '../config/schema';
import { readConfigSecret } from '../config/secrets';
import { closeHistoryDatabase, HistoryUnavailableError, openHistoryDatabase, openHistoryReadOnly } from './database';
import { PostgresDatabase } from './postgres/postgres-database';
import { migratePostgres } from './postgres/postgres-schema';
import { SyncPostgres } from './postgres/sync-postgres';
import type { SqlDatabase } from './sql-database';

export type HistoryLocation =
  { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string; queryTimeoutMs: number; leaseTtlMs: number };

export function historyLocation(
  history: HistoryConfig,
  dataDir: string,
  env: Env,
  configFile: string | undefined,
): HistoryLocation {
  if (!history.postgres) return { kind: 'sqlite', dataDir };
  const url = readConfigSecret(history.postgres.url, 'history.postgres.url', new ConfigInputs(env), configFile);
  return {
    kind: 'postgres',
    url,
    queryTimeoutMs: history.postgres.queryTimeoutMs,
    leaseTtlMs: history.postgres.leaseTtlMs,
  };
}

/** For logs and messages: the directory, or the server and database without user or password. */
export function describeHistoryLocation(location: HistoryLocation): string {
  if (location.kind === 'sqlite') return location.dataDir;
  try {
    const url = new URL(location.url);
    return `postgres://${url.host}${url.pathname}`;
  } catch {
    return 'postgres (a URL that does not parse)';
  }
}

export interface OpenedHistory {
  db: SqlDatabase;
  location: HistoryLocation;
  /** Closes it for good; for the SQLite file, first checkpointing its WAL (closeHistoryDatabase). */
  close(): Promise<{ walBytes: number; busy: boolean } | null>;
}

/**
 * Opens the history for writing, its schema migrated to the last step. Throws a
 * HistoryUnavailableError naming where and why.
 */
export function openHistory(location: HistoryLocation): OpenedHistory {
  if (location.kind === 'sqlite') {
    const db = openHistoryDatabase(location.dataDir);
    return { db, location, close: async () => closeHistoryDatabase(db) };
  }
  return openPostgres(location, true);
}

/** Opens the history to read it only (the collector thread's reload at start). */
export function openHistoryForReading(location: HistoryLocation): OpenedHistory {
  if (location.kind === 'sqlite') {
    const db = openHistoryReadOnly(location.dataDir);
    return {
      db,
      location,
      close: async () => {
        db.close();
        return null;
      },
    };
  }
  return openPostgres(location, false);
}

function openPostgres(location: HistoryLocation & { kind: 'postgres' }, migrate: boolean): OpenedHistory {
  const client = new SyncPostgres({ connectionString: location.url, callTimeoutMs: location.queryTimeoutMs });
  const db = new PostgresDatabase(client);
  const close = async () => {
    await client.close();
    return null;
  };
  if (migrate) {
    try {
      migratePostgres(db);
    } catch (error) {
      void close();
      throw new HistoryUnavailableError(
        `${describeHistoryLocation(location)}: cannot use the history database: ${(error as Error).message}`,
      );
    }
  }
  return { db, location, close };
}
