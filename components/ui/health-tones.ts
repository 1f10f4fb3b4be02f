import type { ClusterSummary } from '@/lib/api/schemas';

/** How much a count needs attention: the colour of a health tile, and of the same count anywhere else. */
export type HealthTone = 'ok' | 'warn' | 'err' | 'none';

type Counts = Pick<
  ClusterSummary,
  'brokerCount' | 'brokersUp' | 'offlinePartitions' | 'underReplicatedPartitions' | 'groupsByStatus' | 'groupsAtRisk'
>;

export interface ClusterHealthTones {
  brokersUp: HealthTone;
  offlinePartitions: HealthTone;
  underReplicated: HealthTone;
  groupsErr: HealthTone;
  groupsWarn: HealthTone;
  /** WARN and ERR shown as one count: the worse of the two. */
  groupsWarnOrErr: HealthTone;
  groupsAtRisk: HealthTone;
}

/**
 * One rule for the cluster's counts, so the overview's tiles and the home page's card colour
 * them alike: a broker down, an offline partition, a group in ERR or at retention risk is
 * an error; an under-replicated partition or a group in WARN a warning; zero is ok.
 */
export function clusterHealthTones(c: Counts): ClusterHealthTones {
  const err = (count: number): HealthTone => (count > 0 ? 'err' : 'ok');
  const warn = (count: number): HealthTone => (count > 0 ? 'warn' : 'ok');
  const groupsErr = err(c.groupsByStatus.ERR);
  const groupsWarn = warn(c.groupsByStatus.WARN);
  return {
    brokersUp: err(c.brokerCount - c.brokersUp),
    offlinePartitions: err(c.offlinePartitions),
    underReplicated: warn(c.underReplicatedPartitions),
    groupsErr,
    groupsWarn,
    groupsWarnOrErr: groupsErr === 'err' ? 'err' : groupsWarn,
    groupsAtRisk: err(c.groupsAtRisk),
  };
}
