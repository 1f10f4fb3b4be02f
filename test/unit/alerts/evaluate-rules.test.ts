import { describe, expect, it } from 'vitest';
import { AlertPolicy } from '@/lib/alerts/alert-policy';
import { evaluateRules } from '@/lib/alerts/evaluate-rules';
import { notAuthorisedFailure } from '@/lib/kafka/authorization';
import type { GroupAnalysis } from '@/lib/collector/analysis-types';
import type { ClusterState } from '@/lib/collector/snapshot';
import { clusterState, withGroupAnalyses } from '../../helpers/cluster-state-builder';

const GROUP = 'billing "eu"';

function groupAnalysis(overrides: Partial<GroupAnalysis> = {}, partition: Record<string, unknown> = {}): GroupAnalysis {
  return {
    status: 'OK',
    maxTimeLagSeconds: 10,
    maxTimeLagLowerBound: false,
    unreadPartitions: 0,
    produceRate: 1,
    consumeRate: 1,
    catchUp: { catchUpSeconds: 0 },
    assignmentBalance: null,
    minSecondsUntilLoss: null,
    lostMessages: 0,
    partitions: new Map([
      [
        'orders\u00000',
        {
          lag: 40,
          timeLagSeconds: 10,
          timeLagSource: 'exact',
          timeLagLowerBound: false,
          status: 'OK',
          consumeRate: 1,
          retention: { lostMessages: 0, secondsUntilLoss: null, limitedBy: null },
          ...partition,
        },
      ],
    ]),
    ...overrides,
  };
}

const withAnalysis = (group: GroupAnalysis, base: ClusterState = clusterState()): ClusterState =>
  withGroupAnalyses(new Map([[GROUP, group]]), base);

const rules = (state: ClusterState) => evaluateRules(state).map((c) => `${c.rule}:${c.severity}`);

describe('evaluateRules', () => {
  it('reports an unreachable broker and under-replicated partitions from the snapshot', () => {
    const found = evaluateRules(withAnalysis(groupAnalysis()));
    expect(found.find((c) => c.rule === 'broker-unreachable')).toMatchObject({
      key: 'broker-unreachable:prod:2',
      severity: 'critical',
      subject: { cluster: 'prod', broker: 2 },
      href: '/clusters/prod/brokers',
    });
    expect(found.find((c) => c.rule === 'under-replicated-partitions')).toMatchObject({
      value: 1,
      message: '1 partition is under-replicated. A broker is down or falling behind.',
    });
    expect(rules(withAnalysis(groupAnalysis()))).not.toContain('offline-partitions:critical');
  });

  it('says nothing about a healthy group', () => {
    expect(rules(withAnalysis(groupAnalysis())).filter((r) => /group|retention|consumer/.test(r))).toEqual([]);
  });

  it('raises a group in WARN as a warning and in ERR as critical, linking to its page', () => {
    expect(rules(withAnalysis(groupAnalysis({ status: 'WARN' })))).toContain('group-status:warning');
    const err = evaluateRules(withAnalysis(groupAnalysis({ status: 'ERR' }))).find((c) => c.rule === 'group-status');
    expect(err).toMatchObject({ severity: 'critical', href: `/clusters/prod/groups/${encodeURIComponent(GROUP)}` });
  });

  it('says "consumer down" once, instead of a status alert, for a group without members whose lag grows', () => {
    const base = clusterState();
    base.snapshot!.groups[0].members = [];
    const found = rules(withAnalysis(groupAnalysis({ status: 'ERR' }, { status: 'STOP' }), base));
    expect(found).toContain('consumer-down:critical');
    expect(found).not.toContain('group-status:critical');
  });

  it('says "consumer down" for a group without members stuck on one offset (STALL), not only once it is STOP', () => {
    const base = clusterState();
    base.snapshot!.groups[0].members = [];
    const found = rules(withAnalysis(groupAnalysis({ status: 'ERR' }, { status: 'STALL' }), base));
    expect(found).toContain('consumer-down:critical');
    expect(found).not.toContain('group-status:critical');
    // With members, STALL is a stuck consumer: a status alert, not "down".
    expect(rules(withAnalysis(groupAnalysis({ status: 'ERR' }, { status: 'STALL' })))).toEqual(
      expect.arrayContaining(['group-status:critical']),
    );
  });

  it('warns on time lag above the threshold', () => {
    const behind = (seconds: number) =>
      withAnalysis(groupAnalysis({ maxTimeLagSeconds: seconds }, { timeLagSeconds: seconds }));
    expect(evaluateRules(behind(301)).find((c) => c.rule === 'group-time-lag')).toMatchObject({
      severity: 'warning',
      subject: { group: GROUP, topic: 'orders' },
      value: 301,
      threshold: 300,
    });
    expect(rules(behind(300))).not.toContain('group-time-lag:warning');
  });

  it('makes lost messages critical, and does not also warn that loss is near', () => {
    const lost = groupAnalysis(
      { lostMessages: 7 },
      { retention: { lostMessages: 7, secondsUntilLoss: 0, limitedBy: 'time' } },
    );
    const found = evaluateRules(withAnalysis(lost));
    expect(found.find((c) => c.rule === 'retention-lost')).toMatchObject({ severity: 'critical', value: 7 });
    expect(found.map((c) => c.rule)).not.toContain('retention-soon');
  });

  it('warns of loss within an hour, or within a quarter of the retention when that is sooner', () => {
    const soon = (seconds: number) =>
      groupAnalysis({}, { retention: { lostMessages: 0, secondsUntilLoss: seconds, limitedBy: 'time' } });
    expect(rules(withAnalysis(soon(3599)))).toContain('retention-soon:warning');
    expect(rules(withAnalysis(soon(3601)))).not.toContain('retention-soon:warning');
    const shortRetention = clusterState();
    shortRetention.snapshot!.topicConfigs = [
      {
        topic: 'orders',
        configs: { 'retention.ms': '600000' },
        sources: { 'retention.ms': 'DYNAMIC_TOPIC_CONFIG' },
        sensitive: [],
        defaults: {},
        error: null,
      },
    ];
    // 25% of 10 minutes is 150 s: 200 s left is not yet worth a warning, 100 s is.
    expect(rules(withAnalysis(soon(200), shortRetention))).not.toContain('retention-soon:warning');
    expect(rules(withAnalysis(soon(100), shortRetention))).toContain('retention-soon:warning');
  });

  it('warns that a group committed past the end will reset, instead of a status alert', () => {
    const ahead = groupAnalysis({ status: 'AHEAD', catchUp: null }, { lag: 0, status: 'AHEAD', timeLagSeconds: null });
    const found = evaluateRules(withAnalysis(ahead)).filter((c) => c.subject.group === GROUP);
    expect(found.map((c) => `${c.rule}:${c.severity}`)).toEqual(['group-committed-ahead:warning']);
    expect(found[0]).toMatchObject({
      key: `group-committed-ahead:prod:${GROUP}`,
      value: 1,
      subject: { topic: 'orders' },
    });
    expect(found[0].message).toContain('OFFSET_OUT_OF_RANGE');
    expect(found[0].message).toContain('auto.offset.reset');
  });

  it('still raises WARN on the partitions of a group that are not ahead', () => {
    const mixed = groupAnalysis({ status: 'AHEAD' }, { status: 'AHEAD' });
    mixed.partitions.set('payments\u00000', { ...mixed.partitions.get('orders\u00000')!, status: 'WARN' });
    expect(rules(withAnalysis(mixed))).toEqual(
      expect.arrayContaining(['group-committed-ahead:warning', 'group-status:warning']),
    );
  });

  it('warns about idle members and about skew above the threshold', () => {
    const balance = {
      memberCount: 3,
      partitionCount: 1,
      minPartitionsPerMember: 0,
      maxPartitionsPerMember: 1,
      idleMembers: ['m-2', 'm-3'],
      notMultiple: true,
    };
    expect(rules(withAnalysis(groupAnalysis({ assignmentBalance: balance })))).toContain(
      'assignment-idle-members:warning',
    );
    const skewed = withAnalysis(groupAnalysis());
    skewed.analysis!.distribution.skew.leaders = 2;
    expect(evaluateRules(skewed).find((c) => c.rule === 'partition-skew')).toMatchObject({
      key: 'partition-skew:prod:leaders',
      value: 2,
    });
  });

  it.each(['PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling'])(
    'says nothing about idle members while the group is %s, and warns again once it is Stable',
    (state) => {
      // What DescribeGroups answers mid-rebalance: every member without partitions.
      const balance = {
        memberCount: 3,
        partitionCount: 0,
        minPartitionsPerMember: 0,
        maxPartitionsPerMember: 0,
        idleMembers: ['m-1', 'm-2', 'm-3'],
        notMultiple: false,
      };
      const base = clusterState();
      base.snapshot!.groups[0].state = state;
      expect(rules(withAnalysis(groupAnalysis({ assignmentBalance: balance }), base))).not.toContain(
        'assignment-idle-members:warning',
      );
      base.snapshot!.groups[0].state = 'Stable';
      expect(rules(withAnalysis(groupAnalysis({ assignmentBalance: balance }), base))).toContain(
        'assignment-idle-members:warning',
      );
    },
  );

  describe('fires beyond a threshold, never at it', () => {
    it('skew: 1.5× the mean is not above 1.5', () => {
      const skewed = (value: number) => {
        const s = withAnalysis(groupAnalysis());
        s.analysis!.distribution.skew.sizeBytes = value;
        return rules(s);
      };
      expect(skewed(1.5)).not.toContain('partition-skew:warning');
      expect(skewed(1.5000001)).toContain('partition-skew:warning');
      // Just past it, the message says so instead of "1.50× the mean" against 1.5.
      const s = withAnalysis(groupAnalysis());
      s.analysis!.distribution.skew.sizeBytes = 1.5003;
      expect(evaluateRules(s).find((c) => c.rule === 'partition-skew')?.message).toContain(
        '(1.5003× the mean, more than 1.5000×)',
      );
    });

    it('log dir usage: 85% used is not above 85%', () => {
      const used = (usableBytes: number) => {
        const s = withAnalysis(groupAnalysis());
        s.snapshot!.logDirs = [{ broker: 1, path: '/d', error: null, totalBytes: 100, usableBytes }];
        return rules(s);
      };
      expect(used(15)).not.toContain('log-dir-usage:warning');
      expect(used(14)).toContain('log-dir-usage:warning');
    });

    it('time lag: 300 s is not above 300 s, also under an override', () => {
      const behind = (seconds: number) =>
        withAnalysis(groupAnalysis({ maxTimeLagSeconds: seconds }, { timeLagSeconds: seconds }));
      expect(rules(behind(300))).not.toContain('group-time-lag:warning');
      expect(rules(behind(300.001))).toContain('group-time-lag:warning');
      const policy = new AlertPolicy([], [{ group: 'billing*', timeLagSeconds: 60 }]);
      expect(evaluateRules(behind(60), policy).map((c) => c.rule)).not.toContain('group-time-lag');
      expect(evaluateRules(behind(61), policy).map((c) => c.rule)).toContain('group-time-lag');
    });

    it('retention soon: loss exactly an hour away is not sooner than an hour', () => {
      const soon = (seconds: number) =>
        rules(
          withAnalysis(
            groupAnalysis({}, { retention: { lostMessages: 0, secondsUntilLoss: seconds, limitedBy: 'time' } }),
          ),
        );
      expect(soon(3600)).not.toContain('retention-soon:warning');
      expect(soon(3599.999)).toContain('retention-soon:warning');
    });

    it('hygiene: three brokers are not fewer than three', () => {
      const three = clusterState();
      three.snapshot!.brokers.push({ ...three.snapshot!.brokers[0], id: 3 });
      expect(evaluateRules(withAnalysis(groupAnalysis(), three)).map((c) => c.key)).not.toContain(
        'hygiene:prod:brokers',
      );
    });
  });

  it('reports fewer than three brokers as information only', () => {
    expect(rules(withAnalysis(groupAnalysis()))).toContain('hygiene:info');
  });

  it('raises controller-missing when no broker names a quorum leader', () => {
    const base = clusterState();
    const state = { ...base, snapshot: { ...base.snapshot!, controllerId: null } };
    expect(rules(state)).toContain('controller-missing:critical');
  });

  it('does not raise controller-missing when DescribeQuorum was refused: the controller is unknown, not missing', () => {
    const base = clusterState();
    const refused = notAuthorisedFailure('DescribeQuorum', 'Describe', { type: 'cluster' });
    const state = { ...base, snapshot: { ...base.snapshot!, controllerId: null, failures: [refused] } };
    expect(rules(state)).not.toContain('controller-missing:critical');
  });
});
