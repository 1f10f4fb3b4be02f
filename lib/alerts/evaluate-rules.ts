/**
 * Every rule over one cluster's latest state: the conditions of this cycle.
 */
import type { ClusterState } from '../collector/snapshot';
import { AlertPolicy } from './alert-policy';
import type { Condition } from './alert-types';
import { clusterConditions } from './cluster-rules';
import { groupConditions } from './group-rules';

/** `groupFindings`: the group rules' conditions when they were evaluated already (on the collector thread). */
export function evaluateRules(
  state: ClusterState,
  policy: AlertPolicy = new AlertPolicy(),
  groupFindings: Condition[] = groupConditions(state, policy),
): Condition[] {
  return [...clusterConditions(state, policy), ...groupFindings];
}
