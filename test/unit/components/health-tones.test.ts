import { describe, expect, it } from 'vitest';
import { clusterHealthTones } from '@/components/ui/health-tones';

const healthy = {
  brokerCount: 3,
  brokersUp: 3,
  offlinePartitions: 0,
  underReplicatedPartitions: 0,
  groupsByStatus: { OK: 4, WARN: 0, AHEAD: 0, ERR: 0 },
  groupsAtRisk: 0,
};

describe('clusterHealthTones', () => {
  it('is ok everywhere for a healthy cluster', () => {
    expect(new Set(Object.values(clusterHealthTones(healthy)))).toEqual(new Set(['ok']));
  });

  it('makes a broker down and an offline partition errors, under-replicated partitions a warning', () => {
    const tones = clusterHealthTones({ ...healthy, brokersUp: 2, offlinePartitions: 1, underReplicatedPartitions: 78 });
    expect(tones.brokersUp).toBe('err');
    expect(tones.offlinePartitions).toBe('err');
    expect(tones.underReplicated).toBe('warn');
  });

  it('colours WARN and ERR shown together by the worse of the two', () => {
    const warnOnly = clusterHealthTones({ ...healthy, groupsByStatus: { OK: 1, WARN: 2, AHEAD: 0, ERR: 0 } });
    expect(warnOnly.groupsWarnOrErr).toBe('warn');
    const both = clusterHealthTones({ ...healthy, groupsByStatus: { OK: 1, WARN: 2, AHEAD: 0, ERR: 1 } });
    expect([both.groupsErr, both.groupsWarn, both.groupsWarnOrErr]).toEqual(['err', 'warn', 'err']);
  });

  it('makes a group at retention risk an error', () => {
    expect(clusterHealthTones({ ...healthy, groupsAtRisk: 1 }).groupsAtRisk).toBe('err');
  });
});
