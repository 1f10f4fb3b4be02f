/**
 * A small but complete cluster state for pure-function tests (metrics, alert rules):
 * topic "orders" (1 partition on brokers 1 and 2, broker 2 down), group `billing "eu"`
 * with one member, committed at 60 of 100. Times are epoch ms around 1,000,000.
 */
import type { ClusterAnalysis, GroupAnalysis } from '@/lib/collector/analysis-types';
import type { ClusterState } from '@/lib/collector/snapshot';

export function clusterState(overrides: Partial<ClusterState> = {}): ClusterState {
  const t = 1_000_000;
  return {
    id: 'prod',
    name: 'prod',
    pollIntervalMs: 10_000,
    analysis: null,
    lastAttemptAt: t,
    lastSuccessAt: t,
    error: null,
    errorKind: null,
    historyError: null,
    snapshot: {
      clusterId: 'c',
      mode: 'kraft',
      startedAt: t - 50,
      collectedAt: t,
      durationMs: 50,
      requestCount: 10,
      controllerId: 1,
      brokers: [
        { id: 1, host: 'b1', port: 9092, rack: null, reachable: true, latencyMs: 1, error: null },
        { id: 2, host: 'b2', port: 9092, rack: null, reachable: false, latencyMs: null, error: 'down' },
      ],
      topics: [
        {
          name: 'orders',
          internal: false,
          partitions: [{ partition: 0, leader: 1, replicas: [1, 2], isr: [1], offlineReplicas: [2], error: null }],
        },
      ],
      offsets: [{ topic: 'orders', partition: 0, logStartOffset: 5, highWatermark: 100, lastStableOffset: 100 }],
      topicConfigs: [],
      replicaSizes: [{ topic: 'orders', partition: 0, broker: 1, logDir: '/d', sizeBytes: 4096, offsetLag: 0 }],
      logDirs: [],
      groups: [
        {
          groupId: 'billing "eu"',
          state: 'Stable',
          protocol: 'classic',
          protocolType: 'consumer',
          coordinator: 1,
          members: [
            { memberId: 'm-1', clientId: 'app', host: '/10.0.0.7', assignment: [{ topic: 'orders', partitions: [0] }] },
          ],
          offsets: [{ topic: 'orders', partition: 0, offset: 60 }],
          error: null,
        },
      ],
      partCollectedAt: { metadata: t, offsets: t, configs: t, logDirs: t, groups: t, controller: t },
      failures: [],
    },
    ...overrides,
  };
}

/**
 * `base` with an analysis holding these groups' results and an even distribution
 * (skew 1, no hygiene findings), for rules that read the analysis.
 */
export function withGroupAnalyses(
  groups: Map<string, GroupAnalysis>,
  base: ClusterState = clusterState(),
): ClusterState {
  const analysis = {
    groups,
    distribution: {
      loads: [],
      skew: { leaders: 1, replicas: 1, sizeBytes: 1 },
      preferredLeaderImbalance: [],
      sameRackReplicas: [],
      hygiene: [],
    },
  } as unknown as ClusterAnalysis;
  return { ...base, analysis };
}
