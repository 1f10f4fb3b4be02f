import { describe, expect, it } from 'vitest';
import type { ClusterEvent, EventKind, EventSubject } from '@/lib/analysis/cluster-events';
import { openHistoryDatabase } from '@/lib/history/database';
import { EventStore, FLAP_WINDOW_MS } from '@/lib/history/event-store';

const T0 = Date.UTC(2026, 11, 3, 12);
const DAY = 24 * 3600_000;

function event(kind: EventKind, subject: EventSubject, at: number, message = `${kind} at ${at}`): ClusterEvent {
  return { at, after: at - 10_000, kind, subject, message, details: { at } };
}

describe('EventStore', () => {
  it('keeps each event with its subject, details and times, newest first', () => {
    const store = new EventStore(openHistoryDatabase(':memory:'), 'prod', 7 * DAY);
    store.append([event('topic-created', { topic: 'orders' }, T0)], T0);
    store.append([event('group-rebalance', { group: 'billing' }, T0 + 10_000)], T0 + 10_000);
    const { events, next } = store.query();
    expect(events.map((e) => [e.kind, e.subject, e.at, e.after, e.count, e.lastAt])).toEqual([
      ['group-rebalance', { group: 'billing' }, T0 + 10_000, T0, 1, T0 + 10_000],
      ['topic-created', { topic: 'orders' }, T0, T0 - 10_000, 1, T0],
    ]);
    expect(events[1].details).toEqual({ at: T0 });
    expect(next).toBeNull();
  });

  it('counts a flap on one row while it repeats within the window, then starts a new row', () => {
    const store = new EventStore(openHistoryDatabase(':memory:'), 'prod', 7 * DAY);
    const shrink = (at: number) => event('isr-shrink', { topic: 'orders', partition: 0, broker: 2 }, at);
    const expand = (at: number) => event('isr-expand', { topic: 'orders', partition: 0, broker: 2 }, at);
    for (let i = 0; i < 6; i++) store.append([i % 2 === 0 ? shrink(T0 + i * 60_000) : expand(T0 + i * 60_000)], T0);
    let { events } = store.query();
    expect(events.map((e) => [e.kind, e.count, e.at, e.lastAt])).toEqual([
      ['isr-expand', 3, T0 + 60_000, T0 + 5 * 60_000],
      ['isr-shrink', 3, T0, T0 + 4 * 60_000],
    ]);
    store.append([shrink(T0 + 4 * 60_000 + FLAP_WINDOW_MS + 1)], T0);
    ({ events } = store.query({ kinds: ['isr-shrink'] }));
    expect(events.map((e) => e.count)).toEqual([1, 3]);
  });

  it("writes a repeat's merged sentence on its row (a group's states as a path)", () => {
    const store = new EventStore(openHistoryDatabase(':memory:'), 'prod', 7 * DAY);
    const state = (from: string, to: string, at: number): ClusterEvent => ({
      ...event('group-state', { group: 'billing' }, at),
      message: `group billing: ${from} → ${to}`,
      details: { from, to },
    });
    store.append([state('Stable', 'PreparingRebalance', T0)], T0);
    store.append([state('PreparingRebalance', 'Stable', T0 + 10_000)], T0);
    const [row] = store.query().events;
    expect([row.count, row.message]).toEqual([2, 'group billing: Stable → PreparingRebalance → Stable']);
  });

  it('writes a config change or a reset every time, even within the window', () => {
    const store = new EventStore(openHistoryDatabase(':memory:'), 'prod', 7 * DAY);
    store.append([event('topic-config', { topic: 'orders' }, T0)], T0);
    store.append([event('topic-config', { topic: 'orders' }, T0 + 10_000)], T0);
    expect(store.query().events.map((e) => e.count)).toEqual([1, 1]);
  });

  it('goes on counting a flap after a restart', () => {
    const db = openHistoryDatabase(':memory:');
    const subject = { group: 'billing' };
    new EventStore(db, 'prod', 7 * DAY).append([event('group-rebalance', subject, T0)], T0);
    const restarted = new EventStore(db, 'prod', 7 * DAY);
    restarted.append([event('group-rebalance', subject, T0 + 60_000)], T0 + 60_000);
    expect(restarted.query().events.map((e) => e.count)).toEqual([2]);
  });

  it('filters by any of the subjects asked for, by kind and by time, and pages', () => {
    const store = new EventStore(openHistoryDatabase(':memory:'), 'prod', 7 * DAY);
    store.append(
      [
        event('group-state', { group: 'billing' }, T0),
        event('leader-changed', { topic: 'orders' }, T0 + 1),
        event('leader-changed', { topic: 'audit' }, T0 + 2),
        event('broker-down', { broker: 2 }, T0 + 3),
        event('group-state', { group: 'audit-reader' }, T0 + 4),
      ],
      T0,
    );
    const kindsOf = (page: { events: ClusterEvent[] }) => page.events.map((e) => e.message);
    // A group's page: its group and its topics.
    expect(kindsOf(store.query({ groups: ['billing'], topics: ['orders'] }))).toEqual([
      `leader-changed at ${T0 + 1}`,
      `group-state at ${T0}`,
    ]);
    expect(kindsOf(store.query({ brokers: [2] }))).toEqual([`broker-down at ${T0 + 3}`]);
    expect(kindsOf(store.query({ kinds: ['leader-changed'], from: T0 + 2 }))).toEqual([`leader-changed at ${T0 + 2}`]);
    expect(kindsOf(store.query({ to: T0 }))).toEqual([`group-state at ${T0}`]);

    const first = store.query({ limit: 2 });
    expect(kindsOf(first)).toEqual([`group-state at ${T0 + 4}`, `broker-down at ${T0 + 3}`]);
    const second = store.query({ limit: 2, before: first.next! });
    expect(kindsOf(second)).toEqual([`leader-changed at ${T0 + 2}`, `leader-changed at ${T0 + 1}`]);
    const third = store.query({ limit: 2, before: second.next! });
    expect(kindsOf(third)).toEqual([`group-state at ${T0}`]);
    expect(third.next).toBeNull();
  });

  it("keeps each cluster's events apart and deletes those older than the horizon", () => {
    const db = openHistoryDatabase(':memory:');
    const prod = new EventStore(db, 'prod', DAY);
    const dev = new EventStore(db, 'dev', DAY);
    prod.append([event('topic-created', { topic: 'old' }, T0)], T0);
    dev.append([event('topic-created', { topic: 'dev' }, T0)], T0);
    expect(prod.query().events.map((e) => e.subject.topic)).toEqual(['old']);
    prod.append([event('topic-created', { topic: 'new' }, T0 + DAY + 2 * 3600_000)], T0 + DAY + 2 * 3600_000);
    expect(prod.query().events.map((e) => e.subject.topic)).toEqual(['new']);
    expect(dev.query().events.map((e) => e.subject.topic)).toEqual(['dev']);
  });

  it('lists an event about several asked subjects once, and pages across subjects in order', () => {
    const store = new EventStore(openHistoryDatabase(':memory:'), 'prod', 7 * DAY);
    store.append(
      [
        event('offset-rewind', { group: 'billing', topic: 'orders' }, T0),
        event('topic-config', { topic: 'orders' }, T0 + 1000),
        event('offset-rewind', { group: 'billing', topic: 'payments' }, T0 + 2000),
        event('topic-config', { topic: 'audit' }, T0 + 3000),
        event('broker-down', { broker: 2 }, T0 + 4000),
      ],
      T0,
    );
    const subjects = { groups: ['billing'], topics: ['orders', 'payments'], brokers: [2] };
    const all = store.query(subjects).events.map((e) => e.at - T0);
    expect(all).toEqual([4000, 2000, 1000, 0]);
    const first = store.query({ ...subjects, limit: 2 });
    expect(first.events.map((e) => e.at - T0)).toEqual([4000, 2000]);
    const second = store.query({ ...subjects, limit: 2, before: first.next! });
    expect(second.events.map((e) => e.at - T0)).toEqual([1000, 0]);
    expect(second.next).toBeNull();
  });

  it('reads each asked subject from its own index, not the whole cluster’s timeline', () => {
    const db = openHistoryDatabase(':memory:');
    const store = new EventStore(db, 'prod', 7 * DAY);
    const plans: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      if (sql.startsWith('SELECT')) {
        plans.push(
          (
            prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ cluster: 'prod', g0: 'g', t0: 't', b0: 1, k0: 'x' }) as {
              detail: string;
            }[]
          )
            .map((row) => row.detail)
            .join(' | '),
        );
      }
      return prepare(sql);
    }) as typeof db.prepare;
    store.query({ groups: ['g'], topics: ['t'], brokers: [1], kinds: ['topic-config'] });
    const [plan] = plans;
    expect(plan).toContain('USING INDEX events_by_group');
    expect(plan).toContain('USING INDEX events_by_topic');
    expect(plan).toContain('USING INDEX events_by_broker');
    expect(plan).not.toContain('USING INDEX events_by_time');
  });
});
