import { describe, expect, it } from 'vitest';
import { inhibitions } from '@/lib/alerts/alert-inhibition';
import type { AlertState, RuleId } from '@/lib/alerts/alert-types';
import type { ClusterSnapshot } from '@/lib/collector/snapshot';
import type { PartitionMetadata } from '@/lib/kafka/types';

type Active = Pick<AlertState, 'key' | 'rule' | 'status' | 'subject'>;

function alert(rule: RuleId, extra: { id?: string; broker?: number; status?: AlertState['status'] } = {}): Active {
  return {
    key: `${rule}:prod${extra.id ? `:${extra.id}` : ''}`,
    rule,
    status: extra.status ?? 'firing',
    subject: { cluster: 'prod', ...(extra.broker === undefined ? {} : { broker: extra.broker }) },
  };
}

const brokerDown = (broker: number, status: AlertState['status'] = 'firing') =>
  alert('broker-unreachable', { id: String(broker), broker, status });

function partition(leader: number, replicas: number[], isr: number[], id = 0): PartitionMetadata {
  return { partition: id, leader, replicas, isr, offlineReplicas: [], error: null };
}

/** A snapshot holding just these partitions of one topic. */
function snapshotOf(...partitions: PartitionMetadata[]): ClusterSnapshot {
  return { topics: [{ name: 'orders', internal: false, partitions }] } as unknown as ClusterSnapshot;
}

const inhibitedBy = (alerts: Active[], snapshot: ClusterSnapshot | null) =>
  Object.fromEntries(inhibitions(alerts, snapshot));

describe('inhibitions', () => {
  it('puts every other alert of the cluster under cluster-unreachable', () => {
    const unreachable = alert('cluster-unreachable');
    const others = [brokerDown(3), alert('hygiene', { id: 'brokers' }), alert('group-status')];
    expect(inhibitedBy([...others, unreachable], null)).toEqual({
      'broker-unreachable:prod:3': 'cluster-unreachable:prod',
      'hygiene:prod:brokers': 'cluster-unreachable:prod',
      'group-status:prod': 'cluster-unreachable:prod',
    });
  });

  it('puts skew, and under-replicated and offline partitions on the down broker, under broker-unreachable', () => {
    const snapshot = snapshotOf(
      partition(1, [1, 2, 3], [1, 2], 0), // under-replicated: its replica on 3 is out of the ISR
      partition(-1, [3], [3], 1), // offline: its only replica, the last leader, is on 3
    );
    const alerts = [
      brokerDown(3),
      alert('partition-skew', { id: 'leaders' }),
      alert('partition-skew', { id: 'sizeBytes' }),
      alert('under-replicated-partitions'),
      alert('offline-partitions'),
      alert('log-dir-usage', { id: '1:/d', broker: 1 }),
    ];
    expect(inhibitedBy(alerts, snapshot)).toEqual({
      'partition-skew:prod:leaders': 'broker-unreachable:prod:3',
      'partition-skew:prod:sizeBytes': 'broker-unreachable:prod:3',
      'under-replicated-partitions:prod': 'broker-unreachable:prod:3',
      'offline-partitions:prod': 'broker-unreachable:prod:3',
    });
  });

  it('leaves under-replicated alone when a replica out of an ISR is on a live broker', () => {
    const snapshot = snapshotOf(partition(1, [1, 2, 3], [1, 2], 0), partition(1, [1, 2], [1], 1));
    expect(inhibitedBy([brokerDown(3), alert('under-replicated-partitions')], snapshot)).toEqual({});
  });

  it('leaves offline partitions alone when one of them has no replica on a down broker', () => {
    const snapshot = snapshotOf(partition(-1, [3], [3], 0), partition(-1, [2], [2], 1));
    expect(inhibitedBy([brokerDown(3), alert('offline-partitions')], snapshot)).toEqual({});
  });

  it('names the broker that explains the most partitions when several are down', () => {
    const snapshot = snapshotOf(
      partition(1, [1, 2, 3], [1], 0),
      partition(1, [1, 3], [1], 1),
      partition(1, [1, 3], [1], 2),
    );
    const alerts = [brokerDown(2), brokerDown(3), alert('under-replicated-partitions')];
    expect(inhibitedBy(alerts, snapshot)).toEqual({ 'under-replicated-partitions:prod': 'broker-unreachable:prod:3' });
  });

  it('counts a pending cause, so a consequence seen first is not sent ahead of it, but not a resolved one', () => {
    const skew = alert('partition-skew', { id: 'leaders' });
    expect(inhibitedBy([brokerDown(3, 'pending'), skew], null)).toEqual({
      'partition-skew:prod:leaders': 'broker-unreachable:prod:3',
    });
    expect(inhibitedBy([brokerDown(3, 'resolved'), skew], null)).toEqual({});
  });

  it('inhibits nothing without a cause, and nothing of the partitions without a snapshot', () => {
    expect(inhibitedBy([alert('partition-skew', { id: 'leaders' }), alert('offline-partitions')], null)).toEqual({});
    expect(inhibitedBy([brokerDown(3), alert('offline-partitions')], null)).toEqual({});
  });

  it("puts a group's time lag, status and retention alerts under its consumer-down, not another group's", () => {
    const ofGroup = (rule: RuleId, group: string): Active => ({
      key: `${rule}:prod:${group}`,
      rule,
      status: 'firing',
      subject: { cluster: 'prod', group },
    });
    const alerts = [
      ofGroup('consumer-down', 'audit'),
      ofGroup('group-time-lag', 'audit'),
      ofGroup('retention-lost', 'audit'),
      ofGroup('retention-soon', 'audit'),
      ofGroup('group-time-lag', 'billing'),
      ofGroup('assignment-idle-members', 'audit'),
    ];
    expect(inhibitedBy(alerts, null)).toEqual({
      'group-time-lag:prod:audit': 'consumer-down:prod:audit',
      'retention-lost:prod:audit': 'consumer-down:prod:audit',
      'retention-soon:prod:audit': 'consumer-down:prod:audit',
    });
  });
});
