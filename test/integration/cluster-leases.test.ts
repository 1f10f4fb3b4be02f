/**
 * Cluster leases on a real PostgreSQL (Debian's package, started here on loopback): two
 * replicas share four clusters two and two; when one stops renewing (dead, or stopped),
 * the other holds all four within the lease's TTL and a renewal round; the stalled one's
 * fenced write is refused once its lease was taken, and a write in progress holds the
 * takeover back until it commits. A PostgreSQL restart is survived: the leases are renewed
 * again by themselves.
 */
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterLeases, LeaseLostError, type Lease } from '@/lib/replicas/cluster-leases';
import { LeaseKeeper } from '@/lib/replicas/lease-keeper';
import { captureLog } from '../helpers/log-capture';
import { eventually, sleep } from '../helpers/local-cluster';
import { startPostgres, type RunningPostgres } from '../../scripts/local-postgres';

const PG_PORT = 17438;
const CLUSTERS = ['east', 'west', 'north', 'south'];
const TTL_MS = 3000;

/** Counts the statements sent through `pool` from now on. */
function countQueries(pool: Pool): () => number {
  let count = 0;
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  Object.assign(pool, {
    query: (...args: unknown[]) => {
      count++;
      return query(...args);
    },
  });
  return () => count;
}

describe('cluster leases on PostgreSQL', { timeout: 120_000 }, () => {
  let postgres: RunningPostgres;
  const pools: Pool[] = [];
  const keepers: LeaseKeeper[] = [];

  function replica(id: string) {
    const pool = new Pool({ connectionString: postgres.url, max: 4, connectionTimeoutMillis: 2000 });
    pool.on('error', () => undefined); // an idle connection dropped by a restart
    pools.push(pool);
    const leases = new ClusterLeases(pool);
    const gained: string[] = [];
    const lost: string[] = [];
    const keeper = new LeaseKeeper({
      replica: id,
      clusters: CLUSTERS,
      leases,
      ttlMs: TTL_MS,
      renewMs: 500,
      onGained: (lease) => gained.push(lease.cluster),
      onLost: (cluster) => lost.push(cluster),
      log: captureLog().logger,
    });
    keepers.push(keeper);
    return { leases, keeper, gained, lost };
  }

  beforeAll(async () => {
    postgres = await startPostgres(PG_PORT);
    const pool = new Pool({ connectionString: postgres.url });
    await new ClusterLeases(pool).migrate();
    await pool.end();
  });

  afterAll(async () => {
    await Promise.all(keepers.map((k) => k.stop(false).catch(() => undefined)));
    await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
    await postgres?.stop();
  });

  it('spreads four clusters over two replicas, and one takes all when the other stops renewing', async () => {
    const one = replica('replica-1');
    const two = replica('replica-2');
    await Promise.all([one.keeper.start(), two.keeper.start()]);
    // Each counts the other alive after its first heartbeat: a second round evens them out.
    await eventually(async () => {
      await Promise.all([one.keeper.roundNow(), two.keeper.roundNow()]);
      const sizes = [one.keeper.held().size, two.keeper.held().size];
      return sizes[0] === 2 && sizes[1] === 2 ? true : undefined;
    }, 'two clusters each');
    // A round of a replica holding its share: a heartbeat (two statements) and one renewal for both clusters.
    const sent = countQueries(pools[0]);
    await one.keeper.roundNow();
    expect(sent()).toBe(3);
    expect(one.keeper.held().size).toBe(2);
    const all = await one.leases.all();
    expect(
      all
        .filter((l) => !l.expired)
        .map((l) => l.cluster)
        .sort(),
    ).toEqual([...CLUSTERS].sort());
    const byOwner = (owner: string) =>
      all
        .filter((l) => l.owner === owner)
        .map((l) => l.cluster)
        .sort();
    expect(byOwner('replica-1')).toEqual([...one.keeper.held().keys()].sort());
    expect(byOwner('replica-2')).toEqual([...two.keeper.held().keys()].sort());

    // Replica 2 stops renewing without giving anything up, as a killed process would.
    const stalled = [...two.keeper.held().values()];
    await two.keeper.stop(false);
    const stoppedAt = Date.now();
    await eventually(
      async () => (one.keeper.held().size === 4 ? true : undefined),
      'replica 1 to hold all four',
      TTL_MS * 4,
    );
    const takeoverMs = Date.now() - stoppedAt;
    console.log(`takeover of ${stalled.length} clusters after the holder stopped renewing: ${takeoverMs} ms`);
    // Within the TTL, the replicas' heartbeat window and a renewal round.
    expect(takeoverMs).toBeLessThan(2 * TTL_MS + 1500);
    const taken = await one.leases.all();
    for (const lease of stalled) {
      const now = taken.find((l) => l.cluster === lease.cluster)!;
      expect(now).toMatchObject({ owner: 'replica-1', epoch: lease.epoch + 1 });
    }

    // The stalled replica wakes up and writes: refused, nothing written.
    const probe = await one.leases.fenced([...one.keeper.held().values()][0], (client) =>
      client.query('CREATE TABLE IF NOT EXISTS fence_probe (cluster text, writer text)'),
    );
    expect(probe).toBeDefined();
    await expect(
      two.leases.fenced(stalled[0], (client) =>
        client.query('INSERT INTO fence_probe VALUES ($1, $2)', [stalled[0].cluster, 'replica-2']),
      ),
    ).rejects.toBeInstanceOf(LeaseLostError);
    const { rows } = await pools[0].query('SELECT * FROM fence_probe');
    expect(rows).toEqual([]);
  });

  it('holds a takeover back while the holder’s fenced write is in progress', async () => {
    const three = replica('replica-3');
    const leases = three.leases;
    const lease = (await leases.claim('fenced-cluster', 'holder', 1000)) as Lease;
    let committedAt = 0;
    const writing = leases.fenced(lease, async (client) => {
      await client.query('CREATE TABLE IF NOT EXISTS fence_log (at timestamptz)');
      await sleep(1500); // the lease expires meanwhile
      await client.query('INSERT INTO fence_log VALUES (now())');
      committedAt = Date.now();
    });
    await sleep(1200);
    const taken = await leases.claim('fenced-cluster', 'taker', 1000);
    const takenAt = Date.now();
    await writing;
    expect(taken).toMatchObject({ owner: 'taker', epoch: lease.epoch + 1 });
    expect(takenAt).toBeGreaterThanOrEqual(committedAt);
  });

  it('renews the leases again by itself after PostgreSQL restarts', async () => {
    const [keeper] = keepers;
    const before = new Set(keeper.held().keys());
    expect(before.size).toBe(4);
    await postgres.restart();
    await eventually(
      async () => {
        await keeper.roundNow();
        const all = await new ClusterLeases(pools[0]).all().catch(() => []);
        return all.filter((l) => l.owner === 'replica-1' && !l.expired).length === 4 ? true : undefined;
      },
      'the leases renewed after the restart',
      30_000,
    );
    expect(new Set(keeper.held().keys())).toEqual(before);
  });
});
