import { describe, expect, it } from 'vitest';
import { AlertPolicy } from '@/lib/alerts/alert-policy';
import { evaluateRules } from '@/lib/alerts/evaluate-rules';
import type { GroupAnalysis, GroupPartitionAnalysis } from '@/lib/collector/analysis-types';
import type { ClusterState } from '@/lib/collector/snapshot';
import { clusterState, withGroupAnalyses } from '../../helpers/cluster-state-builder';

function partition(timeLagSeconds: number): GroupPartitionAnalysis {
  return {
    lag: 10,
    timeLagSeconds,
    timeLagSource: 'exact',
    timeLagLowerBound: false,
    status: 'OK',
    consumeRate: 1,
    retention: { lostMessages: 0, secondsUntilLoss: null, limitedBy: null },
  };
}

/** Groups reading "orders" (partition 0) and "audit.log" (partition 0) with these time lags. */
function withGroups(lags: Record<string, { orders: number; audit: number }>): ClusterState {
  const state = clusterState();
  const groups = new Map<string, GroupAnalysis>();
  state.snapshot!.groups = [];
  for (const [group, lag] of Object.entries(lags)) {
    state.snapshot!.groups.push({ ...clusterState().snapshot!.groups[0], groupId: group, members: [] });
    groups.set(group, {
      status: 'OK',
      maxTimeLagSeconds: Math.max(lag.orders, lag.audit),
      maxTimeLagLowerBound: false,
      unreadPartitions: 0,
      produceRate: 1,
      consumeRate: 1,
      catchUp: null,
      assignmentBalance: null,
      minSecondsUntilLoss: null,
      lostMessages: 0,
      partitions: new Map([
        ['orders\u00000', partition(lag.orders)],
        ['audit.log\u00000', partition(lag.audit)],
      ]),
    });
  }
  return withGroupAnalyses(groups, state);
}

const timeLagAlerts = (state: ClusterState, policy: AlertPolicy) =>
  evaluateRules(state, policy)
    .filter((c) => c.rule === 'group-time-lag')
    .map((c) => `${c.subject.group}/${c.subject.topic}>${c.threshold}`);

describe('AlertPolicy', () => {
  it('layers defaults, global, cluster, then matching overrides in order (later wins)', () => {
    const policy = new AlertPolicy(
      [{ timeLagSeconds: 100, forSeconds: 10 }, { timeLagSeconds: 200 }],
      [
        { group: 'batch-*', timeLagSeconds: 3600, forSeconds: 120 },
        { group: 'batch-nightly', timeLagSeconds: 86_400 },
      ],
    );
    expect(policy.cluster()).toMatchObject({ timeLagSeconds: 200, forMs: 10_000, skew: 1.5 });
    expect(policy.tuningFor({ group: 'web' })).toMatchObject({ timeLagSeconds: 200, forMs: 10_000 });
    expect(policy.tuningFor({ group: 'batch-hourly' })).toMatchObject({ timeLagSeconds: 3600, forMs: 120_000 });
    expect(policy.tuningFor({ group: 'batch-nightly' })).toMatchObject({ timeLagSeconds: 86_400, forMs: 120_000 });
  });

  it('applies a topic override to that topic of every group, and a group-and-topic override only where both match', () => {
    const state = withGroups({ web: { orders: 400, audit: 400 }, 'batch-1': { orders: 400, audit: 400 } });
    // Without overrides: each group warns about its worst topic over 300 s.
    expect(timeLagAlerts(state, new AlertPolicy())).toHaveLength(2);
    const policy = new AlertPolicy(
      [],
      [
        { topic: 'orders', timeLagSeconds: 1000 },
        { topic: 'audit.*', timeLagSeconds: 1000 },
        { group: 'batch-*', topic: 'audit.*', timeLagSeconds: 350 },
      ],
    );
    expect(timeLagAlerts(state, policy)).toEqual(['batch-1/audit.log>350']);
  });

  it('turns rules off per group pattern or for the whole cluster, and gives each alert its own "for"', () => {
    const state = withGroups({ web: { orders: 400, audit: 0 }, legacy: { orders: 400, audit: 0 } });
    const policy = new AlertPolicy(
      [{ disabledRules: ['hygiene'] }],
      [
        { group: 'legacy', disabledRules: ['group-time-lag'] },
        { group: 'web', forSeconds: 5 },
      ],
    );
    const found = evaluateRules(state, policy);
    expect(found.filter((c) => c.rule === 'group-time-lag').map((c) => [c.subject.group, c.forMs])).toEqual([
      ['web', 5000],
    ]);
    expect(found.map((c) => c.rule)).not.toContain('hygiene');
    expect(found.find((c) => c.rule === 'broker-unreachable')?.forMs).toBe(30_000);
  });
});
