import { describe, expect, it } from 'vitest';
import { alertEvents, deriveEvents, mergeRepeat, type EventSnapshot } from '@/lib/analysis/cluster-events';
import type { GroupState } from '@/lib/collector/snapshot';
import type { PartitionMetadata, TopicConfig } from '@/lib/kafka/types';

const T0 = 1_000_000;

function partition(id: number, leader: number, replicas: number[], isr = replicas): PartitionMetadata {
  return { partition: id, leader, replicas, isr, offlineReplicas: [], error: null };
}

function group(overrides: Partial<GroupState> = {}): GroupState {
  return {
    groupId: 'billing',
    state: 'Stable',
    protocol: 'classic',
    protocolType: 'consumer',
    coordinator: 1,
    members: [
      { memberId: 'm-1', clientId: 'app-1', host: '/10.0.0.7', assignment: [{ topic: 'orders', partitions: [0, 1] }] },
    ],
    offsets: [
      { topic: 'orders', partition: 0, offset: 60 },
      { topic: 'orders', partition: 1, offset: 70 },
    ],
    error: null,
    ...overrides,
  };
}

function config(topic: string, configs: Record<string, string | null>, extra: Partial<TopicConfig> = {}): TopicConfig {
  return { topic, configs, sources: {}, sensitive: [], defaults: {}, error: null, ...extra };
}

function snapshot(overrides: Partial<EventSnapshot> = {}, at = T0): EventSnapshot {
  return {
    collectedAt: at,
    controllerId: 1,
    brokers: [1, 2, 3].map((id) => ({
      id,
      host: `b${id}`,
      port: 9092,
      rack: null,
      reachable: true,
      latencyMs: 1,
      error: null,
    })),
    topics: [{ name: 'orders', internal: false, partitions: [partition(0, 1, [1, 2, 3]), partition(1, 2, [2, 3, 1])] }],
    offsets: [
      { topic: 'orders', partition: 0, logStartOffset: 10, highWatermark: 100, lastStableOffset: 100 },
      { topic: 'orders', partition: 1, logStartOffset: 10, highWatermark: 100, lastStableOffset: 100 },
    ],
    topicConfigs: [config('orders', { 'retention.ms': '604800000', 'cleanup.policy': 'delete' })],
    logDirs: [{ broker: 1, path: '/data', error: null, totalBytes: 1000, usableBytes: 300 }],
    groups: [group()],
    failures: [],
    ...overrides,
  };
}

const later = (overrides: Partial<EventSnapshot>) => snapshot(overrides, T0 + 10_000);
const kinds = (before: EventSnapshot, now: EventSnapshot) => deriveEvents(before, now).map((e) => e.kind);

describe('deriveEvents', () => {
  it('finds nothing between two equal snapshots', () => {
    expect(deriveEvents(snapshot(), later({}))).toEqual([]);
  });

  it('dates each event between the two collections', () => {
    const [event] = deriveEvents(snapshot(), later({ controllerId: 2 }));
    expect(event).toMatchObject({ at: T0 + 10_000, after: T0, kind: 'controller-changed', subject: { broker: 2 } });
    expect(event.message).toBe('the active controller moved from 1 to 2');
  });

  it('reports a broker going down with its error, and coming back', () => {
    const down = later({
      brokers: snapshot().brokers.map((b) =>
        b.id === 2 ? { ...b, reachable: false, error: 'connection refused' } : b,
      ),
    });
    const [event] = deriveEvents(snapshot(), down);
    expect(event).toMatchObject({ kind: 'broker-down', subject: { broker: 2 } });
    expect(event.message).toBe('broker 2 (b2:9092) is down: connection refused');
    expect(deriveEvents(down, snapshot({}, T0 + 20_000)).map((e) => [e.kind, e.message])).toEqual([
      ['broker-up', 'broker 2 (b2:9092) is back'],
    ]);
  });

  it('gathers leader and ISR changes per topic, naming the preferred leader and the broker that left', () => {
    const now = later({
      topics: [
        {
          name: 'orders',
          internal: false,
          partitions: [partition(0, 3, [1, 2, 3], [2, 3]), partition(1, 2, [2, 3, 1], [2, 3])],
        },
      ],
    });
    const events = deriveEvents(snapshot(), now);
    expect(events.map((e) => e.kind)).toEqual(['leader-changed', 'isr-shrink']);
    expect(events[0]).toMatchObject({ subject: { topic: 'orders', partition: 0 }, details: { offPreferred: 1 } });
    expect(events[0].message).toBe('leader of orders-0 changed from 1 to 3 (not its preferred leader 1)');
    expect(events[1]).toMatchObject({ subject: { topic: 'orders', broker: 1 } });
    expect(events[1].subject.partition).toBeUndefined();
    expect(events[1].message).toBe('ISR of 2 partitions of orders shrank: broker 1 left');

    // The preferred leader elected again, broker 1 back in sync.
    const back = deriveEvents(now, snapshot({}, T0 + 20_000));
    expect(back.map((e) => e.message)).toEqual([
      'leader of orders-0 changed from 3 to 1 (its preferred leader)',
      'ISR of 2 partitions of orders expanded: broker 1 back in sync',
    ]);
  });

  it('reports partitions going offline and back, not as a leader change', () => {
    const offline = later({
      topics: [
        { name: 'orders', internal: false, partitions: [partition(0, -1, [1, 2, 3], []), partition(1, 2, [2, 3, 1])] },
      ],
    });
    const events = deriveEvents(snapshot(), offline);
    expect(events.map((e) => e.kind)).toEqual(['partition-offline', 'isr-shrink']);
    expect(events[0].message).toBe('orders-0 offline: no leader');
    expect(kinds(offline, snapshot({}, T0 + 20_000))).toEqual(['partition-online', 'isr-expand']);
  });

  it('reports topics created and deleted, and partitions added', () => {
    const topics = snapshot().topics;
    const now = later({
      topics: [
        { ...topics[0], partitions: [...topics[0].partitions, partition(2, 3, [3, 1, 2])] },
        { name: 'payments', internal: false, partitions: [partition(0, 1, [1])] },
      ],
    });
    expect(deriveEvents(snapshot(), now).map((e) => e.message)).toEqual([
      'topic orders: partitions 2 → 3',
      'topic payments created with 1 partition',
    ]);
    expect(deriveEvents(now, snapshot({}, T0 + 20_000)).map((e) => e.message)).toEqual(['topic payments deleted']);
  });

  it('says a topic config changed from what to what, durations in words, sensitive values never', () => {
    const now = later({
      topicConfigs: [
        config(
          'orders',
          { 'retention.ms': '3600000', 'cleanup.policy': 'delete', 'secret.x': 'b' },
          { sensitive: ['secret.x'] },
        ),
      ],
    });
    const [event] = deriveEvents(snapshot(), now);
    expect(event).toMatchObject({ kind: 'topic-config', subject: { topic: 'orders' } });
    expect(event.message).toBe('topic orders: retention.ms 7d → 1h');
    expect(event.details).toEqual({ changes: [{ name: 'retention.ms', from: '604800000', to: '3600000' }] });
  });

  it('does not take a config that could not be read for a change', () => {
    const now = later({ topicConfigs: [config('orders', {}, { error: 'not authorised' })] });
    expect(deriveEvents(snapshot(), now)).toEqual([]);
  });

  it('reports log dir usage crossing 80% or 90%, up and down', () => {
    const full = later({ logDirs: [{ broker: 1, path: '/data', error: null, totalBytes: 1000, usableBytes: 50 }] });
    const [event] = deriveEvents(snapshot(), full);
    expect(event.message).toBe('log dir /data on broker 1 95% used (was 70%, above 90%)');
    expect(deriveEvents(full, snapshot({}, T0 + 20_000))[0].message).toBe(
      'log dir /data on broker 1 70% used (was 95%, back below 80%)',
    );
    const slightly = later({
      logDirs: [{ broker: 1, path: '/data', error: null, totalBytes: 1000, usableBytes: 250 }],
    });
    expect(deriveEvents(snapshot(), slightly)).toEqual([]);
  });

  it('reports a group appearing, changing state, rebalancing with who joined and left, and going', () => {
    const joined = later({
      groups: [
        group({
          state: 'PreparingRebalance',
          members: [
            {
              memberId: 'm-1',
              clientId: 'app-1',
              host: '/10.0.0.7',
              assignment: [{ topic: 'orders', partitions: [0] }],
            },
            {
              memberId: 'm-2',
              clientId: 'app-2',
              host: '/10.0.0.8',
              assignment: [{ topic: 'orders', partitions: [1] }],
            },
          ],
        }),
        group({ groupId: 'audit', members: [], offsets: [], state: 'Empty' }),
      ],
    });
    const events = deriveEvents(snapshot(), joined);
    expect(events.map((e) => e.message)).toEqual([
      'group billing: Stable → PreparingRebalance',
      'group billing rebalanced, 1 member joined: app-2 (10.0.0.8)',
      'group audit appeared (Empty)',
    ]);
    expect(deriveEvents(snapshot({ groups: [] }), later({})).map((e) => e.message)).toEqual([
      'group billing appeared (Stable, 1 member: app-1 (10.0.0.7))',
    ]);
    expect(events[1].details).toMatchObject({
      joined: [{ clientId: 'app-2', host: '/10.0.0.8' }],
      left: [],
      members: 2,
    });
    expect(deriveEvents(joined, snapshot({}, T0 + 20_000)).map((e) => e.message)).toEqual([
      'group billing: PreparingRebalance → Stable',
      'group billing rebalanced, 1 member left: app-2 (10.0.0.8)',
      'group audit is gone',
    ]);
  });

  it('reports partitions moving between the same members as an assignment change', () => {
    const moved = later({
      groups: [
        group({
          members: [
            {
              memberId: 'm-1',
              clientId: 'app-1',
              host: '/10.0.0.7',
              assignment: [{ topic: 'orders', partitions: [0] }],
            },
          ],
        }),
      ],
    });
    expect(deriveEvents(snapshot(), moved).map((e) => [e.kind, e.message])).toEqual([
      ['group-assignment', 'group billing: assignment changed (1 member)'],
    ]);
  });

  it('does not call a group gone when listing groups failed, nor new when it failed before', () => {
    const failed = later({ groups: [], failures: [{ operation: 'ListGroups', broker: 2, message: 'timeout' }] });
    expect(deriveEvents(snapshot(), failed)).toEqual([]);
    expect(kinds(failed, snapshot({}, T0 + 20_000))).toEqual([]);
  });

  it('compares no members or offsets of a group that could not be read', () => {
    const unreadable = later({ groups: [group({ error: 'coordinator not available', members: [], offsets: [] })] });
    expect(deriveEvents(snapshot(), unreadable)).toEqual([]);
  });

  it('reports committed offsets moved back per group and topic, with the messages to read again', () => {
    const reset = later({
      groups: [
        group({
          offsets: [
            { topic: 'orders', partition: 0, offset: 10 },
            { topic: 'orders', partition: 1, offset: 20 },
          ],
        }),
      ],
    });
    const [event] = deriveEvents(snapshot(), reset);
    expect(event).toMatchObject({
      kind: 'offset-rewind',
      subject: { group: 'billing', topic: 'orders' },
      details: { messages: 100 },
    });
    expect(event.message).toBe('group billing: committed offset of 2 partitions of orders moved back by 100 messages');
  });

  it('reports the log start passing a committed offset: messages deleted unread', () => {
    const deleted = later({
      offsets: [
        { topic: 'orders', partition: 0, logStartOffset: 75, highWatermark: 100, lastStableOffset: 100 },
        { topic: 'orders', partition: 1, logStartOffset: 10, highWatermark: 100, lastStableOffset: 100 },
      ],
    });
    const [event] = deriveEvents(snapshot(), deleted);
    expect(event).toMatchObject({
      kind: 'offset-overtaken',
      subject: { group: 'billing', topic: 'orders', partition: 0 },
    });
    expect(event.message).toBe(
      'group billing: the log start of orders-0 passed its committed offset, 15 messages deleted unread',
    );
    // Still below it on the next cycle: already said.
    expect(deriveEvents(deleted, { ...deleted, collectedAt: T0 + 20_000 })).toEqual([]);
  });
});

describe('alertEvents', () => {
  it('makes a fired and a resolved alert events of their subject, at their time', () => {
    const alert = {
      key: 'group-status|billing',
      rule: 'group-status' as const,
      severity: 'critical' as const,
      subject: { cluster: 'prod', group: 'billing', topic: 'orders' },
      value: 1,
      threshold: 0,
      message: 'group billing is in ERR',
      href: '/clusters/prod/groups/billing',
      status: 'firing' as const,
      since: T0 - 60_000,
      firedAt: T0,
      resolvedAt: null,
      lastSeenAt: T0,
    };
    const [fired, resolved] = alertEvents(
      [
        { kind: 'fired', alert },
        { kind: 'resolved', alert: { ...alert, status: 'resolved', resolvedAt: T0 + 5000 } },
      ],
      T0 - 10_000,
    );
    expect(fired).toMatchObject({
      kind: 'alert-fired',
      at: T0,
      after: T0 - 10_000,
      subject: { group: 'billing', topic: 'orders' },
      message: 'critical alert fired: group billing is in ERR',
      details: { rule: 'group-status', href: '/clusters/prod/groups/billing' },
    });
    expect(resolved).toMatchObject({
      kind: 'alert-resolved',
      at: T0 + 5000,
      message: 'alert resolved: group billing is in ERR',
    });
    expect(fired.subject).not.toHaveProperty('cluster');
  });
});

describe('mergeRepeat', () => {
  const stateEvent = (from: string, to: string, at: number) =>
    deriveEvents(
      snapshot({ groups: [group({ state: from })] }, at - 10_000),
      snapshot({ groups: [group({ state: to })] }, at),
    )[0];

  it('keeps the path a flapping group went through', () => {
    let merged = mergeRepeat(
      stateEvent('Stable', 'PreparingRebalance', T0),
      stateEvent('PreparingRebalance', 'Stable', T0 + 10_000),
    );
    merged = mergeRepeat(merged, stateEvent('Stable', 'Empty', T0 + 20_000));
    expect(merged.message).toBe('group billing: Stable → PreparingRebalance → Stable → Empty');
    expect(merged.details).toMatchObject({ from: 'Stable', to: 'Empty' });
  });

  it('names everyone who joined or left across the repeats of a rebalance', () => {
    const member = (id: string) => ({ memberId: id, clientId: id, host: '/10.0.0.1', assignment: [] });
    const withMembers = (ids: string[], at: number) => snapshot({ groups: [group({ members: ids.map(member) })] }, at);
    const first = deriveEvents(withMembers(['a'], T0), withMembers(['a', 'b'], T0 + 10_000))[0];
    const second = deriveEvents(withMembers(['a', 'b'], T0 + 10_000), withMembers(['a'], T0 + 20_000))[0];
    const third = deriveEvents(withMembers(['a'], T0 + 20_000), withMembers(['a', 'b'], T0 + 30_000))[0];
    const merged = mergeRepeat(mergeRepeat(first, second), third);
    expect(merged.message).toBe('group billing rebalanced, 1 member joined: b (10.0.0.1); 1 member left: b (10.0.0.1)');
    expect(merged.at).toBe(T0 + 30_000);
  });

  it('takes the later event of other kinds as it is', () => {
    const a = deriveEvents(snapshot(), later({ controllerId: 2 }))[0];
    const b = deriveEvents(later({ controllerId: 2 }), snapshot({ controllerId: 3 }, T0 + 20_000))[0];
    expect(mergeRepeat(a, b)).toBe(b);
  });
});
