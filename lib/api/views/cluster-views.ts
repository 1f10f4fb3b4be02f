/**
 * Cluster list and broker views, computed from the collector's state.
 */
import { topicPlacement } from '../../analysis/topic-placement';
import { analyzeDistribution } from '../../collector/analyze-snapshot';
import type { ClusterState } from '../../collector/snapshot';
import type { BrokersResponse, BrokerView, ClusterStatus, ClusterSummary } from '../schemas';
import { atRisk, lossInSight } from '../../analysis/retention-risk';
import { splitPartitionKey } from '../../collector/partition-key';
import { isOffline, isUnderReplicated, retentionMsIndex } from './indexes';
import { faultsOf, unavailableFeatures } from './capabilities';
import { freshness } from './freshness';
import { controllerError, notAuthorisedMessages, sizeError } from './not-authorised';

export function clusterStatus(state: ClusterState): ClusterStatus {
  if (state.error || !state.snapshot) return 'unreachable';
  const snapshot = state.snapshot;
  const degraded = faultsOf(snapshot).length > 0 || snapshot.brokers.some((b) => !b.reachable);
  return degraded ? 'degraded' : 'ok';
}

function groupCounts(state: ClusterState): Pick<ClusterSummary, 'groupsByStatus' | 'groupsAtRisk'> {
  const groupsByStatus = { OK: 0, WARN: 0, AHEAD: 0, ERR: 0 };
  let groupsAtRisk = 0;
  const retentionMs = state.snapshot ? retentionMsIndex(state.snapshot) : new Map<string, number | null>();
  for (const group of state.analysis?.groups.values() ?? []) {
    if (group.status) groupsByStatus[group.status]++;
    const inSight = [...group.partitions].some(([key, p]) =>
      lossInSight(p.retention.secondsUntilLoss, retentionMs.get(splitPartitionKey(key).topic) ?? null),
    );
    if (atRisk(group.lostMessages, group.minSecondsUntilLoss, inSight)) groupsAtRisk++;
  }
  return { groupsByStatus, groupsAtRisk };
}

/** `stale` and `error` as every answer carries them (see freshness); before the first cycle, not collected yet. */
function clusterFreshness(state: ClusterState): Pick<ClusterSummary, 'stale' | 'error' | 'errorKind'> {
  if (!state.snapshot) {
    return {
      stale: false,
      error: state.error ?? 'not collected yet',
      ...(state.errorKind ? { errorKind: state.errorKind } : {}),
    };
  }
  const { stale, error, errorKind } = freshness(state);
  return { stale, ...(error ? { error } : {}), ...(errorKind ? { errorKind } : {}) };
}

export function clusterSummary(state: ClusterState): ClusterSummary {
  const snapshot = state.snapshot;
  const partitions = snapshot?.topics.flatMap((t) => t.partitions) ?? [];
  return {
    id: state.id,
    name: state.name,
    status: clusterStatus(state),
    mode: snapshot?.mode ?? null,
    collectedAt: snapshot?.collectedAt ?? null,
    lastAttemptAt: state.lastAttemptAt,
    pollIntervalMs: state.pollIntervalMs,
    brokerCount: snapshot?.brokers.length ?? 0,
    brokersUp: snapshot?.brokers.filter((b) => b.reachable).length ?? 0,
    topicCount: snapshot?.topics.length ?? 0,
    partitionCount: partitions.length,
    groupCount: snapshot?.groups.length ?? 0,
    underReplicatedPartitions: partitions.filter(isUnderReplicated).length,
    offlinePartitions: partitions.filter(isOffline).length,
    produceRate: state.analysis?.produceRate ?? null,
    totalLag: state.analysis?.totalLag ?? null,
    unreadPartitions: state.analysis?.unreadPartitions ?? 0,
    totalLagLowerBound: [...(state.analysis?.groups.values() ?? [])].some((g) => g.unreadPartitions > 0),
    ...groupCounts(state),
    controllerId: snapshot?.controllerId ?? null,
    controllerError: snapshot ? controllerError(snapshot) : null,
    notAuthorised: notAuthorisedMessages(state),
    ...clusterFreshness(state),
  };
}

export function brokersView(state: ClusterState): BrokersResponse {
  const snapshot = state.snapshot!;
  const distribution = state.analysis?.distribution ?? analyzeDistribution(snapshot);
  const refused = sizeError(snapshot);
  const brokers: BrokerView[] = snapshot.brokers.map((broker) => {
    const load = distribution.loads.find((l) => l.broker === broker.id);
    return {
      ...broker,
      leaderCount: load?.leaders ?? 0,
      replicaCount: load?.replicas ?? 0,
      preferredLeaderCount: load?.preferredLeaders ?? 0,
      sizeBytes: load ? load.sizeBytes : null,
      sizeError: refused,
      logDirs: snapshot.logDirs
        .filter((d) => d.broker === broker.id)
        .map(({ path, error, totalBytes, usableBytes, capacityNotServed }) => ({
          path,
          error,
          totalBytes,
          usableBytes,
          capacityNotServed: capacityNotServed === true,
        })),
    };
  });
  const { skew, preferredLeaderImbalance, sameRackReplicas, hygiene } = distribution;
  return {
    ...freshness(state),
    controllerId: snapshot.controllerId,
    controllerError: controllerError(snapshot),
    mode: snapshot.mode,
    unavailable: unavailableFeatures(snapshot),
    brokers,
    distribution: { skew, preferredLeaderImbalance, sameRackReplicas, hygiene },
    placement: topicPlacement(snapshot.topics, snapshot.replicaSizes),
  };
}
