/**
 * What one collection cycle saw of one cluster. Times are epoch milliseconds.
 */
import type {
  GroupDescription,
  GroupOffsets,
  LogDirUsage,
  PartialFailure,
  PartitionOffsets,
  PartitionReplicaSize,
  TopicConfig,
  TopicMetadata,
} from '../kafka/types';
import type { ConnectionFailureKind } from '../kafka/connection-failure';
import type { ClusterAnalysis } from './analysis-types';

export interface BrokerState {
  id: number;
  host: string;
  port: number;
  rack: string | null;
  /** False when the broker is missing from the metadata (down) or did not answer a probe. */
  reachable: boolean;
  latencyMs: number | null;
  error: string | null;
}

export interface GroupState {
  groupId: string;
  state: string;
  protocol: 'classic' | 'consumer';
  protocolType: string;
  coordinator: number;
  members: GroupDescription['members'];
  /** Committed offsets; empty when the group has none (or they could not be read: see `error`). */
  offsets: GroupOffsets['offsets'];
  error: string | null;
}

export interface ClusterSnapshot {
  clusterId: string | null;
  /** KRaft or ZooKeeper mode (ZooKeeper brokers serve no DescribeQuorum). */
  mode: 'kraft' | 'zookeeper';
  startedAt: number;
  collectedAt: number;
  durationMs: number;
  requestCount: number;
  /** The active controller: the KRaft quorum leader, or Metadata's controller in ZooKeeper mode; null when unknown. */
  controllerId: number | null;
  brokers: BrokerState[];
  topics: TopicMetadata[];
  offsets: PartitionOffsets[];
  topicConfigs: TopicConfig[];
  replicaSizes: PartitionReplicaSize[];
  logDirs: LogDirUsage[];
  groups: GroupState[];
  /** When each part was answered (parts run in parallel within a cycle). */
  partCollectedAt: Record<'metadata' | 'offsets' | 'configs' | 'logDirs' | 'groups' | 'controller', number>;
  failures: PartialFailure[];
}

export interface ClusterState {
  id: string;
  name: string;
  pollIntervalMs: number;
  /** The last good snapshot, kept while the cluster is unreachable. */
  snapshot: ClusterSnapshot | null;
  /** Rates, time lag, status, retention risk and distribution for that snapshot. */
  analysis: ClusterAnalysis | null;
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  /** Why the last cycle failed as a whole (no broker answered); null after a good cycle. */
  error: string | null;
  /** What kind of failure that was (a refused password is not a network outage); null after a good cycle. */
  errorKind: ConnectionFailureKind | null;
  /** Why the history database cannot be written (a full disk, say) and since when; null while it can. */
  historyError: { message: string; since: number } | null;
}
