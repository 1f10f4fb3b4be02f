import { afterEach, describe, expect, it } from 'vitest';
import { AlertStore, REFRESH_AFTER_MS } from '@/lib/alerts/alert-store';
import type { AlertState } from '@/lib/alerts/alert-types';
import { openHistoryDatabase, type SqliteDatabase } from '@/lib/history/database';

let db: SqliteDatabase;
afterEach(() => db?.close());

function lagAlert(group: string, at: number, overrides: Partial<AlertState> = {}): AlertState {
  return {
    key: `group-time-lag|${group}`,
    rule: 'group-time-lag',
    severity: 'warning',
    subject: { cluster: 'prod', group },
    value: at,
    threshold: 1000,
    message: `lag ${at}`,
    href: `/clusters/prod/groups/${group}`,
    status: 'firing',
    since: 0,
    firedAt: 0,
    resolvedAt: null,
    lastSeenAt: at,
    ...overrides,
  };
}

const byKey = (alerts: AlertState[]) => new Map(alerts.map((a) => [a.key, a]));

/** The rows as stored: key → [status, last_seen_at, value]. */
function rows(): Record<string, [string, number, number]> {
  const stored = db.prepare(`SELECT key, status, last_seen_at, body FROM alerts WHERE cluster = 'prod'`).all() as {
    key: string;
    status: string;
    last_seen_at: number;
    body: string;
  }[];
  return Object.fromEntries(
    stored.map((r) => [r.key, [r.status, r.last_seen_at, (JSON.parse(r.body) as { value: number }).value]]),
  );
}

describe('AlertStore', () => {
  it('writes a change of status at once but a new sighting and value only once the stored one is a minute old', () => {
    db = openHistoryDatabase(':memory:');
    const store = new AlertStore(db, 'prod');
    store.save(byKey([lagAlert('a', 0, { status: 'pending', firedAt: null })]), [], 0);
    expect(rows()).toEqual({ 'group-time-lag|a': ['pending', 0, 0] });

    store.save(byKey([lagAlert('a', 10_000, { status: 'pending', firedAt: null })]), [], 10_000);
    expect(rows()).toEqual({ 'group-time-lag|a': ['pending', 0, 0] });

    store.save(byKey([lagAlert('a', 30_000, { firedAt: 30_000 })]), [], 30_000);
    expect(rows()).toEqual({ 'group-time-lag|a': ['firing', 30_000, 30_000] });

    store.save(byKey([lagAlert('a', 30_000 + REFRESH_AFTER_MS - 1, { firedAt: 30_000 })]), [], 89_999);
    expect(rows()['group-time-lag|a'][1]).toBe(30_000);
    store.save(byKey([lagAlert('a', 30_000 + REFRESH_AFTER_MS, { firedAt: 30_000 })]), [], 90_000);
    expect(rows()).toEqual({ 'group-time-lag|a': ['firing', 90_000, 90_000] });
  });

  it('refreshes at most a sixth of the alerts per save, the stalest first, so the rewrites spread over cycles', () => {
    db = openHistoryDatabase(':memory:');
    const store = new AlertStore(db, 'prod');
    const groups = Array.from({ length: 12 }, (_, i) => `g${i}`);
    store.save(byKey(groups.map((g) => lagAlert(g, 0))), [], 0);
    const refreshedAt = (at: number) => {
      store.save(byKey(groups.map((g) => lagAlert(g, at))), [], at);
      return Object.values(rows()).filter(([, lastSeenAt]) => lastSeenAt === at).length;
    };
    expect(refreshedAt(REFRESH_AFTER_MS)).toBe(2);
    expect(refreshedAt(REFRESH_AFTER_MS + 10_000)).toBe(2);
    for (let cycle = 2; cycle < 6; cycle++) refreshedAt(REFRESH_AFTER_MS + cycle * 10_000);
    expect(Object.values(rows()).every(([, lastSeenAt]) => lastSeenAt >= REFRESH_AFTER_MS)).toBe(true);
  });

  it('deletes a pending alert that cleared, stores a resolution, and a restart loads what is left', () => {
    db = openHistoryDatabase(':memory:');
    const store = new AlertStore(db, 'prod');
    const pending = lagAlert('p', 0, { status: 'pending', firedAt: null });
    const firing = lagAlert('f', 0);
    const steady = lagAlert('s', 0);
    store.save(byKey([pending, firing, steady]), [], 0);
    expect(Object.keys(rows()).sort()).toEqual(['group-time-lag|f', 'group-time-lag|p', 'group-time-lag|s']);

    const resolution = { ...firing, status: 'resolved' as const, resolvedAt: 10_000 };
    store.save(byKey([lagAlert('s', 10_000)]), [resolution], 10_000);
    expect(rows()).toEqual({ 'group-time-lag|f': ['resolved', 0, 0], 'group-time-lag|s': ['firing', 0, 0] });
    expect(store.recentResolved().map((a) => a.key)).toEqual(['group-time-lag|f']);

    const restarted = new AlertStore(db, 'prod');
    expect([...restarted.loadActive().keys()]).toEqual(['group-time-lag|s']);
  });

  it('writes the newest sighting of every active alert on flush, so a restart resumes from it', () => {
    db = openHistoryDatabase(':memory:');
    const store = new AlertStore(db, 'prod');
    store.save(byKey([lagAlert('a', 0), lagAlert('b', 0)]), [], 0);
    const now = byKey([lagAlert('a', 20_000), lagAlert('b', 20_000)]);
    store.save(now, [], 20_000);
    expect(rows()['group-time-lag|a']).toEqual(['firing', 0, 0]);
    store.flush(now, 20_000);
    expect(rows()).toEqual({
      'group-time-lag|a': ['firing', 20_000, 20_000],
      'group-time-lag|b': ['firing', 20_000, 20_000],
    });
    expect(new AlertStore(db, 'prod').loadActive().get('group-time-lag|b')).toMatchObject({
      lastSeenAt: 20_000,
      value: 20_000,
    });
  });

  it('tries a failed save again in full with the next one', () => {
    db = openHistoryDatabase(':memory:');
    const store = new AlertStore(db, 'prod');
    db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON alerts BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => store.save(byKey([lagAlert('a', 0)]), [], 0)).toThrow('disk full');
    db.exec('DROP TRIGGER refuse');
    store.save(byKey([lagAlert('a', 10_000)]), [], 10_000);
    expect(rows()).toEqual({ 'group-time-lag|a': ['firing', 10_000, 10_000] });
  });

  it('keeps a resolution whose write failed: listed as resolved meanwhile, written with the next save', () => {
    db = openHistoryDatabase(':memory:');
    const store = new AlertStore(db, 'prod');
    store.save(byKey([lagAlert('a', 0)]), [], 0);
    db.exec(`CREATE TRIGGER refuse BEFORE UPDATE ON alerts BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const resolved = lagAlert('a', 5_000, { status: 'resolved', resolvedAt: 5_000 });
    expect(() => store.save(new Map(), [resolved], 5_000)).toThrow('disk full');
    expect(store.recentResolved().map((a) => [a.key, a.status, a.resolvedAt])).toEqual([
      ['group-time-lag|a', 'resolved', 5_000],
    ]);
    expect(rows()).toEqual({ 'group-time-lag|a': ['firing', 0, 0] });
    db.exec('DROP TRIGGER refuse');
    // The next save, with nothing newly resolved, writes it.
    store.save(new Map(), [], 10_000);
    expect(rows()).toEqual({ 'group-time-lag|a': ['resolved', 5_000, 5_000] });
    expect(new AlertStore(db, 'prod').loadActive().size).toBe(0);
    expect(store.recentResolved()).toHaveLength(1);
  });
});
