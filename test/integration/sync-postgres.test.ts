/**
 * Synchronous PostgreSQL (the history's code is synchronous) against a real server:
 * answers with SQLite's types (numbers for 64-bit integers, Buffers for bytes), one
 * connection so BEGIN … ROLLBACK is a transaction, a bounded wait for a query that does not
 * answer, and an outage that costs one bounded wait per retry, after which it recovers by
 * itself.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresQueryError, PostgresUnavailableError, SyncPostgres } from '@/lib/history/postgres/sync-postgres';
import { sleep } from '../helpers/local-cluster';
import { startPostgres, type RunningPostgres } from '../../scripts/local-postgres';

const PG_PORT = 17433;

describe('synchronous PostgreSQL', { timeout: 120_000 }, () => {
  let postgres: RunningPostgres;
  const open: SyncPostgres[] = [];
  const connect = (options: { callTimeoutMs?: number; retryAfterMs?: number } = {}) => {
    const db = new SyncPostgres({ connectionString: postgres.url, ...options });
    open.push(db);
    return db;
  };

  beforeAll(async () => {
    postgres = await startPostgres(PG_PORT);
  });

  afterAll(async () => {
    await Promise.all(open.map((db) => db.close()));
    await postgres?.stop();
  });

  it('answers with numbers for 64-bit integers and Buffers for bytes, parameters both ways', () => {
    const db = connect();
    db.query('CREATE TABLE samples (id bigint PRIMARY KEY, at bigint NOT NULL, data bytea, ratio float8)');
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const inserted = db.query('INSERT INTO samples VALUES ($1, $2, $3, $4), ($5, $6, NULL, NULL)', [
      1,
      1_764_763_200_123,
      bytes,
      0.25,
      2,
      2 ** 52,
    ]);
    expect(inserted.rowCount).toBe(2);
    const { rows } = db.query('SELECT id, at, data, ratio FROM samples ORDER BY id');
    expect(rows).toEqual([
      { id: 1, at: 1_764_763_200_123, data: bytes, ratio: 0.25 },
      { id: 2, at: 2 ** 52, data: null, ratio: null },
    ]);
    expect(Buffer.isBuffer(rows[0].data)).toBe(true);
  });

  it('runs queries in order on one connection: BEGIN … ROLLBACK undoes what it covered', () => {
    const db = connect();
    db.query('CREATE TABLE undone (n int)');
    db.query('BEGIN');
    db.query('INSERT INTO undone VALUES (1)');
    expect(db.query('SELECT count(*)::int AS n FROM undone').rows).toEqual([{ n: 1 }]);
    db.query('ROLLBACK');
    expect(db.query('SELECT count(*)::int AS n FROM undone').rows).toEqual([{ n: 0 }]);
  });

  it('gives a refused query its SQLSTATE, and goes on working', () => {
    const db = connect();
    let error: unknown;
    try {
      db.query('SELECT * FROM no_such_table');
    } catch (failure) {
      error = failure;
    }
    expect(error).toBeInstanceOf(PostgresQueryError);
    expect(error).toMatchObject({ code: '42P01', message: 'relation "no_such_table" does not exist' });
    expect(db.query('SELECT 1 AS one').rows).toEqual([{ one: 1 }]);
  });

  it('has the server cancel a statement that outlasts the call timeout, and goes on working', () => {
    const db = connect({ callTimeoutMs: 800, retryAfterMs: 0 });
    db.query('SELECT 1');
    const startedAt = Date.now();
    expect(() => db.query('SELECT pg_sleep(5)')).toThrow(
      expect.objectContaining({ code: '57014', message: 'canceling statement due to statement timeout' }),
    );
    const waited = Date.now() - startedAt;
    expect(waited).toBeGreaterThanOrEqual(600);
    expect(waited).toBeLessThan(2000);
    expect(db.query('SELECT 2 AS two').rows).toEqual([{ two: 2 }]);
  });

  it('gives up on a server that never answers within the call timeout', async () => {
    // Accepts connections and says nothing, like a stalled host.
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const db = new SyncPostgres({ connectionString: `postgres://x@127.0.0.1:${port}/x`, callTimeoutMs: 800 });
    open.push(db);
    try {
      const startedAt = Date.now();
      expect(() => db.query('SELECT 1')).toThrow(PostgresUnavailableError);
      const waited = Date.now() - startedAt;
      expect(waited).toBeGreaterThanOrEqual(700);
      expect(waited).toBeLessThan(2000);
    } finally {
      silent.close();
    }
  });

  it('while PostgreSQL is down: one bounded wait, then failing at once until the retry, then back by itself', async () => {
    const db = connect({ callTimeoutMs: 2000, retryAfterMs: 1500 });
    expect(db.query('SELECT 1 AS one').rows).toEqual([{ one: 1 }]);
    await postgres.down();
    try {
      const first = Date.now();
      expect(() => db.query('SELECT 1')).toThrow(/PostgreSQL cannot be reached|did not answer/);
      expect(Date.now() - first).toBeLessThan(2500);
      // Within the retry delay: the same error at once, without asking.
      const again = Date.now();
      expect(() => db.query('SELECT 1')).toThrow(PostgresUnavailableError);
      expect(Date.now() - again).toBeLessThan(50);
    } finally {
      await postgres.up();
    }
    await sleep(1600);
    expect(db.query('SELECT 3 AS three').rows).toEqual([{ three: 3 }]);
  });
});
