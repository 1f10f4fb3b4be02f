import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GROUP_LIST_QUERY,
  groupListSearch,
  isAtRisk,
  isNotOk,
  parseGroupListQuery,
  visibleGroups,
  type GroupListQuery,
} from '@/components/tables/group-list-query';
import type { GroupSummary } from '@/lib/api/schemas';
import { groupSummary as group } from './builders';

const query = (overrides: Partial<GroupListQuery> = {}): GroupListQuery => ({
  ...DEFAULT_GROUP_LIST_QUERY,
  ...overrides,
});
const ids = (groups: GroupSummary[]) => groups.map((g) => g.groupId);

describe('parseGroupListQuery', () => {
  it('reads the filters, the search text and the sort from the URL', () => {
    const params = new URLSearchParams('status=not-ok&risk=1&q=bill&sort=lag&dir=asc');
    expect(parseGroupListQuery(params)).toEqual({ notOk: true, atRisk: true, text: 'bill', sort: 'lag', dir: 'asc' });
  });

  it('falls back to the defaults for missing or unknown values', () => {
    expect(parseGroupListQuery(new URLSearchParams('status=ok&risk=yes&sort=size&dir=up'))).toEqual(
      DEFAULT_GROUP_LIST_QUERY,
    );
  });
});

describe('groupListSearch', () => {
  it('is empty for the default query', () => {
    expect(groupListSearch(DEFAULT_GROUP_LIST_QUERY)).toBe('');
  });

  it('writes what differs from the defaults and reads back to the same query', () => {
    const q = query({ notOk: true, atRisk: true, text: 'a b/ü', sort: 'members', dir: 'asc' });
    const search = groupListSearch(q);
    expect(search).toBe('?status=not-ok&risk=1&q=a+b%2F%C3%BC&sort=members&dir=asc');
    expect(parseGroupListQuery(new URLSearchParams(search))).toEqual(q);
  });
});

describe('isNotOk', () => {
  it('is true for WARN and ERR, false for OK and for a group without a status', () => {
    expect([group('a', { status: 'WARN' }), group('b', { status: 'ERR' })].every(isNotOk)).toBe(true);
    expect([group('c'), group('d', { status: null })].some(isNotOk)).toBe(false);
  });
});

describe('isAtRisk', () => {
  it('is true when messages were lost or a loss in sight is within the hour', () => {
    expect(isAtRisk(group('a', { lostMessages: 1 }))).toBe(true);
    expect(isAtRisk(group('b', { secondsUntilLoss: 3599, lossInSight: true }))).toBe(true);
  });

  it('is false an hour or more before loss, with no loss in sight, or when the countdown would not show', () => {
    expect(isAtRisk(group('a', { secondsUntilLoss: 3600, lossInSight: true }))).toBe(false);
    expect(isAtRisk(group('b'))).toBe(false);
    expect(isAtRisk(group('c', { secondsUntilLoss: 3599, lossInSight: false }))).toBe(false);
  });
});

describe('visibleGroups', () => {
  const groups = [
    group('orders-billing', { topics: ['demo.orders'], totalLag: 10, status: 'OK' }),
    group('payments-ledger', { topics: ['demo.payments'], totalLag: 5000, status: 'WARN' }),
    group('audit-replayer', { topics: ['demo.audit-log'], totalLag: 300, status: 'ERR', lostMessages: 40 }),
    group('fresh', { topics: ['demo.orders'], totalLag: null, status: null, memberCount: 0 }),
  ];

  it('sorts worst status first by default, groups without a status last', () => {
    expect(ids(visibleGroups(groups, query()))).toEqual([
      'audit-replayer',
      'payments-ledger',
      'orders-billing',
      'fresh',
    ]);
  });

  it('keeps only WARN and ERR groups with the not-OK filter', () => {
    expect(ids(visibleGroups(groups, query({ notOk: true })))).toEqual(['audit-replayer', 'payments-ledger']);
  });

  it('keeps only groups at risk with the risk filter', () => {
    expect(ids(visibleGroups(groups, query({ atRisk: true })))).toEqual(['audit-replayer']);
  });

  it('matches the search text in group ids and topics, ignoring case', () => {
    expect(ids(visibleGroups(groups, query({ text: 'LEDGER' })))).toEqual(['payments-ledger']);
    expect(ids(visibleGroups(groups, query({ text: 'demo.orders', sort: 'group', dir: 'asc' })))).toEqual([
      'fresh',
      'orders-billing',
    ]);
  });

  it('sorts by lag in either direction with unknown lag last', () => {
    expect(ids(visibleGroups(groups, query({ sort: 'lag', dir: 'desc' })))).toEqual([
      'payments-ledger',
      'audit-replayer',
      'orders-billing',
      'fresh',
    ]);
    expect(ids(visibleGroups(groups, query({ sort: 'lag', dir: 'asc' })))).toEqual([
      'orders-billing',
      'audit-replayer',
      'payments-ledger',
      'fresh',
    ]);
  });

  it('ranks lost messages above any countdown and a shorter countdown above a longer one', () => {
    const risky = [
      group('later', { secondsUntilLoss: 7200 }),
      group('lost', { lostMessages: 1 }),
      group('soon', { secondsUntilLoss: 60 }),
      group('safe'),
    ];
    expect(ids(visibleGroups(risky, query({ sort: 'risk', dir: 'desc' })))).toEqual(['lost', 'soon', 'later', 'safe']);
  });

  it('breaks ties by group id and leaves the input untouched', () => {
    const input = [group('b'), group('a')];
    expect(ids(visibleGroups(input, query({ sort: 'members' })))).toEqual(['a', 'b']);
    expect(ids(input)).toEqual(['b', 'a']);
  });
});
