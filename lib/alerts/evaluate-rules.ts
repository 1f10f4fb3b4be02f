/**
 * Every rule over one cluster's latest state: the conditions of this cycle.
 */
import type { ClusterState } from '../collector/snapshot';
import type { Condition } from './alert-types';
import { DEFAULT_ALERT_THRESHOLDS, type AlertThresholds } from './alert-thresholds';
import { clusterConditions } from './cluster-rules';
import { groupConditions } from './group-rules';

export function evaluateRules(
  state: ClusterState,
  thresholds: AlertThresholds = DEFAULT_ALERT_THRESHOLDS,
): Condition[] {
  return [...clusterConditions(state, thresholds), ...groupConditions(state, thresholds)];
}
