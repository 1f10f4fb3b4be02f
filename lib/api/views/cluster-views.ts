/**
 * Cluster list and broker views, computed from the collector's state.
 */
import type { ClusterState } from '../../collector/snapshot';
import type { BrokersResponse, BrokerView, ClusterStatus, ClusterSummary } from '../schemas';
import { isOffline, isUnderReplicated } from './indexes';
import { freshness } from './freshness';

export function clusterStatus(state: ClusterState): ClusterStatus {
  if (state.error || !state.snapshot) return 'unreachable';
  const snapshot = state.snapshot;
  const degraded = snapshot.failures.length > 0 || snapshot.brokers.some((b) => !b.reachable);
  return degraded ? 'degraded' : 'ok';
}

export function clusterSummary(state: ClusterState): ClusterSummary {
  const snapshot = state.snapshot;
  const partitions = snapshot?.topics.flatMap((t) => t.partitions) ?? [];
  return {
    id: state.id,
    name: state.name,
    status: clusterStatus(state),
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
    ...(state.error ? { error: state.error } : state.snapshot ? {} : { error: 'not collected yet' }),
  };
}

export function brokersView(state: ClusterState): BrokersResponse {
  const snapshot = state.snapshot!;
  const brokers: BrokerView[] = snapshot.brokers.map((broker) => {
    const partitions = snapshot.topics.flatMap((t) => t.partitions);
    return {
      ...broker,
      leaderCount: partitions.filter((p) => p.leader === broker.id).length,
      replicaCount: partitions.filter((p) => p.replicas.includes(broker.id)).length,
      sizeBytes: snapshot.replicaSizes.filter((r) => r.broker === broker.id).reduce((sum, r) => sum + r.sizeBytes, 0),
      logDirs: snapshot.logDirs
        .filter((d) => d.broker === broker.id)
        .map(({ path, error, totalBytes, usableBytes }) => ({ path, error, totalBytes, usableBytes })),
    };
  });
  return { ...freshness(state), controllerId: snapshot.controllerId, brokers };
}
