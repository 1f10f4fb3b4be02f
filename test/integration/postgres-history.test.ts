/**
 * The history's stores on a real PostgreSQL give what they give on SQLite: the same
 * schema (tables and columns, migrated in the same steps), and, for the same cycles,
 * events, alerts and silences, the same answers from every reader. SQLite is the
 * reference: its stores are what the unit tests pin down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertStore } from '@/lib/alerts/alert-store';
import type { AlertState } from '@/lib/alerts/alert-types';
import { SilenceStore } from '@/lib/alerts/silences';
import type { ClusterEvent, EventKind, EventSubject } from '@/lib/analysis/cluster-events';
import { ClusterHistory, historyRetention } from '@/lib/history/cluster-history';
import { MIGRATIONS, openHistoryDatabase, type SqliteDatabase } from '@/lib/history/database';
import { EventStore } from '@/lib/history/event-store';
import { PostgresDatabase } from '@/lib/history/postgres/postgres-database';
import { migratePostgres, POSTGRES_MIGRATIONS } from '@/lib/history/postgres/postgres-schema';
import { SyncPostgres } from '@/lib/history/postgres/sync-postgres';
import type { SqlDatabase } from '@/lib/history/sql-database';
import { historyCycle } from '../helpers/history-cycle';
import { startPostgres, type RunningPostgres } from '../../scripts/local-postgres';

const PG_PORT = 17434;
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 11, 3, 8);
const DAY = 24 * 60 * MINUTE;

describe('the history on PostgreSQL, against SQLite', { timeout: 120_000 }, () => {
  let postgres: RunningPostgres;
  let client: SyncPostgres;
  let pg: PostgresDatabase;
  let sqlite: SqliteDatabase;

  beforeAll(async () => {
    postgres = await startPostgres(PG_PORT);
    client = new SyncPostgres({ connectionString: postgres.url });
    pg = new PostgresDatabase(client);
    sqlite = openHistoryDatabase(':memory:');
  });

  afterAll(async () => {
    sqlite?.close();
    await client?.close();
    await postgres?.stop();
  });

  it('migrates in as many steps as the SQLite file, to the same tables and columns, once', () => {
    expect(POSTGRES_MIGRATIONS).toHaveLength(MIGRATIONS.length);
    expect(migratePostgres(pg)).toBe(0);
    // A second replica starting finds it done.
    expect(migratePostgres(pg)).toBe(POSTGRES_MIGRATIONS.length);
    const sqliteTables = (
      sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]
    )
      .sort()
      .map((table) => [
        table,
        (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).sort(),
      ]);
    const pgTables = (
      pg
        .prepare(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'watermark_schema'`,
        )
        .pluck()
        .all() as string[]
    )
      .sort()
      .map((table) => [
        table,
        (
          pg
            .prepare(
              `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?`,
            )
            .pluck()
            .all(table) as string[]
        ).sort(),
      ]);
    expect(pgTables).toEqual(sqliteTables);
  });

  /** The same calls on both databases; what each returns, side by side. */
  function onBoth<T>(run: (db: SqlDatabase) => T): { sqlite: T; postgres: T } {
    return { sqlite: run(sqlite), postgres: run(pg) };
  }

  it('keeps two hours of cycles, seals and compacts them, and reads back the same series', () => {
    const retention = historyRetention({ horizonDays: 7, fullResolutionMinutes: 30 });
    const histories = onBoth((db) => new ClusterHistory(db, 'prod', retention));
    // Every 10 s for two hours, two topics: the head is sealed into chunks once past 30 minutes.
    for (let t = T0, offset = 1000; t < T0 + 2 * 60 * MINUTE; t += 10_000, offset += 7) {
      for (const history of [histories.sqlite, histories.postgres]) {
        history.record(historyCycle(t, offset, 'orders'), t);
        history.record(historyCycle(t + 1, offset * 2, 'payments'), t + 1);
      }
    }
    const reads = (history: ClusterHistory) => {
      const { reader } = history;
      history.compactIfDue(T0 + 3 * 60 * MINUTE, true);
      return {
        topic: reader.aggregates('topic', { topic: 'orders' }, T0, T0 + 3 * 60 * MINUTE),
        group: reader.aggregates('group-topic', { groupId: 'g' }, T0, T0 + 3 * 60 * MINUTE),
        cluster: reader.aggregates('cluster', {}, T0 + 60 * MINUTE, T0 + 90 * MINUTE),
        first: [reader.firstSampleMs('topic', { topic: 'payments' }), reader.firstSampleMs('cluster', {})],
        latest: reader.latestClusterRow(),
        partitions: reader.partitionSamples(T0 + 100 * MINUTE),
        commits: reader.commitSamples(T0 + 100 * MINUTE),
        has: [reader.has('topic', { topic: 'orders' }), reader.has('topic', { topic: 'never' })],
      };
    };
    const sqliteReads = reads(histories.sqlite);
    const postgresReads = reads(histories.postgres);
    expect(sqliteReads.topic[0].rows.length).toBeGreaterThan(100);
    expect(sqliteReads.partitions.length).toBeGreaterThan(0);
    expect(sqliteReads.partitions[0].rows.length).toBeGreaterThan(5);
    expect(postgresReads).toEqual(sqliteReads);
    // A replica that starts later reads what the first wrote (the head is rebuilt from the pending rows).
    const reopened = new ClusterHistory(pg, 'prod', retention);
    expect(reopened.reader.aggregates('topic', { topic: 'orders' }, T0, T0 + 3 * 60 * MINUTE)).toEqual(
      sqliteReads.topic,
    );
  });

  it('keeps the same timeline: flapping counted on one row, filters and pages alike', () => {
    const event = (kind: EventKind, subject: EventSubject, at: number): ClusterEvent => ({
      at,
      after: at - 10_000,
      kind,
      subject,
      message: `${kind} at ${at}`,
      details: { at, subject },
    });
    const stores = onBoth((db) => new EventStore(db, 'prod', 7 * DAY));
    for (let i = 0; i < 40; i++) {
      const at = T0 + i * 10_000;
      const events = [
        event(i % 2 ? 'isr-shrink' : 'isr-expand', { topic: 'orders', partition: 0, broker: 2 }, at),
        ...(i % 7 === 0 ? [event('broker-down', { broker: 3 }, at)] : []),
        ...(i % 5 === 0 ? [event('group-state', { group: 'billing' }, at)] : []),
      ];
      stores.sqlite.append(events, at);
      stores.postgres.append(events, at);
    }
    const reads = (store: EventStore) => {
      const first = store.query({ limit: 5 });
      return {
        all: store.query({ limit: 200 }),
        first,
        second: store.query({ limit: 5, before: first.next! }),
        subjects: store.query({ topics: ['orders'], brokers: [3], groups: ['billing'], limit: 200 }),
        kinds: store.query({ kinds: ['broker-down'], from: T0 + 100_000 }),
      };
    };
    const sqliteReads = reads(stores.sqlite);
    // Each direction of the ISR flap is one row counting its 20 changes.
    expect(sqliteReads.all.events.filter((e) => e.kind.startsWith('isr-')).map((e) => e.count)).toEqual([20, 20]);
    expect(reads(stores.postgres)).toEqual(sqliteReads);
  });

  it('keeps the same alerts and silences, who made and ended them included', () => {
    const alert = (key: string, at: number, overrides: Partial<AlertState> = {}): AlertState => ({
      key,
      rule: 'group-time-lag',
      severity: 'warning',
      subject: { cluster: 'prod', group: key },
      value: at,
      threshold: 1000,
      message: `lag ${at}`,
      href: `/clusters/prod/groups/${key}`,
      status: 'firing',
      since: T0,
      firedAt: T0 + 30_000,
      resolvedAt: null,
      lastSeenAt: at,
      ...overrides,
    });
    const alerts = onBoth((db) => new AlertStore(db, 'prod', 7 * DAY));
    for (const store of [alerts.sqlite, alerts.postgres]) {
      const active = new Map([
        ['a', alert('a', T0 + 60_000)],
        ['b', alert('b', T0 + 60_000, { status: 'pending', firedAt: null })],
      ]);
      store.save(active, [], T0 + 60_000);
      active.delete('a');
      store.save(active, [alert('a', T0 + 120_000, { status: 'resolved', resolvedAt: T0 + 120_000 })], T0 + 120_000);
    }
    const alertReads = (store: AlertStore) => ({ active: [...store.loadActive()], resolved: store.recentResolved() });
    expect(alertReads(alerts.sqlite).resolved).toHaveLength(1);
    expect(alertReads(alerts.postgres)).toEqual(alertReads(alerts.sqlite));

    const silences = onBoth((db) => new SilenceStore(db, 'prod'));
    const made = onBoth((db) => {
      const store = db === sqlite ? silences.sqlite : silences.postgres;
      const kept = store.create({ group: 'billing-*' }, 60 * MINUTE, 'deploy', 'otto', T0);
      const ended = store.create({ topic: 'orders' }, 60 * MINUTE, 'test', 'vera', T0);
      if ('refused' in kept || 'refused' in ended) throw new Error('refused');
      return { kept: kept.id, ended: ended.id, expired: store.expire(ended.id, 'otto', T0 + MINUTE) };
    });
    const silenceReads = (store: SilenceStore, ids: { kept: string; ended: string }) => {
      const named = (id: string) => (id === ids.kept ? 'kept' : id === ids.ended ? 'ended' : id);
      return {
        inEffect: store.inEffect(T0 + 2 * MINUTE).map((s) => ({ ...s, id: named(s.id) })),
        ended: store.endedRecently(T0 + 2 * MINUTE).map((s) => ({ ...s, id: named(s.id) })),
        notFound: store.expire('no-such-id', 'otto', T0 + 3 * MINUTE),
      };
    };
    expect(made.postgres.expired).toBe('expired');
    const sqliteSilences = silenceReads(silences.sqlite, made.sqlite);
    expect(sqliteSilences.ended[0]).toMatchObject({ createdBy: 'vera', endedBy: 'otto' });
    expect(silenceReads(silences.postgres, made.postgres)).toEqual(sqliteSilences);
  });
});
