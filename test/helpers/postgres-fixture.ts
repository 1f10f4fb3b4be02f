/**
 * A real PostgreSQL for one test file (scripts/local-postgres.ts), with the connections
 * the file opens to it closed after: replicas' synchronous history connections, and a
 * pool for the asynchronous lease queries.
 */
import { Pool } from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { PostgresDatabase } from '@/lib/history/postgres/postgres-database';
import { SyncPostgres } from '@/lib/history/postgres/sync-postgres';
import { startPostgres, type RunningPostgres } from '../../scripts/local-postgres';

export interface PostgresFixture {
  server(): RunningPostgres;
  /** A connection of its own, as a replica has, for the history's stores. */
  database(): PostgresDatabase;
  /** A pool (the leases' queries). */
  pool(): Pool;
}

export function usePostgres(port: number): PostgresFixture {
  let postgres: RunningPostgres | null = null;
  const clients: SyncPostgres[] = [];
  const pools: Pool[] = [];
  beforeAll(async () => {
    postgres = await startPostgres(port);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(pools.map((pool) => pool.end()));
    await postgres?.stop();
  });
  const server = () => {
    if (!postgres) throw new Error('PostgreSQL is not started yet (use it in a test or a later beforeAll)');
    return postgres;
  };
  return {
    server,
    database() {
      const client = new SyncPostgres({ connectionString: server().url });
      clients.push(client);
      return new PostgresDatabase(client);
    },
    pool() {
      const pool = new Pool({ connectionString: server().url, max: 2 });
      pool.on('error', () => undefined); // an idle connection ended by the server's stop
      pools.push(pool);
      return pool;
    },
  };
}
