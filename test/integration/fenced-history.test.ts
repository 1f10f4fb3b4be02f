/**
 * A cluster's history written only by the replica holding its lease, on a real
 * PostgreSQL: once another replica has taken the lease over, the old holder's writes (a
 * cycle, its alerts, a lone statement) are refused and leave nothing behind, and the new
 * holder writes on from there.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { AlertStore } from '@/lib/alerts/alert-store';
import { ClusterHistory, historyRetention } from '@/lib/history/cluster-history';
import { migratePostgres } from '@/lib/history/postgres/postgres-schema';
import { ClusterLeases, LeaseLostError, type Lease } from '@/lib/replicas/cluster-leases';
import { FencedDatabase } from '@/lib/replicas/fenced-database';
import type { SqlDatabase } from '@/lib/history/sql-database';
import { historyCycle } from '../helpers/history-cycle';
import { usePostgres } from '../helpers/postgres-fixture';
import { sleep } from '../helpers/local-cluster';

const PG_PORT = 17436;
const RETENTION = historyRetention({ horizonDays: 7, fullResolutionMinutes: 60 });
const T0 = Date.UTC(2026, 11, 3, 9);

describe('history writes fenced on the cluster lease', { timeout: 120_000 }, () => {
  const postgres = usePostgres(PG_PORT);
  let leases: ClusterLeases;
  const replicaDatabase = () => postgres.database();

  beforeAll(async () => {
    leases = new ClusterLeases(postgres.pool());
    await leases.migrate();
    migratePostgres(replicaDatabase());
  });

  it("refuses the old holder's writes once the lease is taken over, and keeps the new holder's", async () => {
    const pendingRows = (db: SqlDatabase) =>
      db.prepare(`SELECT count(*) AS n FROM pending_aggregates WHERE cluster = 'east'`).pluck().get();
    let leaseA: Lease | null = await leases.claim('east', 'replica-a', 1500);
    expect(leaseA).not.toBeNull();
    const a = replicaDatabase();
    const fencedA = new FencedDatabase(a, 'east', () => leaseA);
    const historyA = new ClusterHistory(fencedA, 'east', RETENTION);
    historyA.record(historyCycle(T0, 100), T0);
    expect(pendingRows(a)).toBe(1);

    // Replica A stalls past its lease; B takes the cluster over.
    await sleep(1700);
    const leaseB = await leases.claim('east', 'replica-b', 30_000);
    expect(leaseB).toMatchObject({ owner: 'replica-b', epoch: leaseA!.epoch + 1 });

    // A wakes up still believing it holds the lease: each kind of write is refused.
    expect(() => historyA.record(historyCycle(T0 + 10_000, 110), T0 + 10_000)).toThrow(LeaseLostError);
    const alertsA = new AlertStore(fencedA, 'east');
    expect(() => alertsA.save(new Map(), [], T0 + 10_000)).toThrow(LeaseLostError);
    expect(() =>
      fencedA.prepare(`INSERT INTO meta (key, value) VALUES ('stale', 'write') ON CONFLICT DO NOTHING`).run(),
    ).toThrow(/no longer replica-a's \(epoch 1\): nothing written/);
    expect(pendingRows(a)).toBe(1);
    expect(a.prepare(`SELECT count(*) AS n FROM meta WHERE key = 'stale'`).pluck().get()).toBe(0);

    // B carries on from what A had written.
    const b = replicaDatabase();
    const historyB = new ClusterHistory(new FencedDatabase(b, 'east', () => leaseB), 'east', RETENTION);
    historyB.record(historyCycle(T0 + 10_000, 110), T0 + 10_000);
    expect(pendingRows(b)).toBe(2);
    expect(historyB.reader.aggregates('topic', { topic: 't' }, T0, T0 + 20_000)[0].rows.map((r) => r.t)).toEqual([
      T0,
      T0 + 10_000,
    ]);

    // A replica that knows it holds no lease does not even ask.
    leaseA = null;
    expect(() => historyA.record(historyCycle(T0 + 20_000, 120), T0 + 20_000)).toThrow(/holds no lease/);
  });
});
