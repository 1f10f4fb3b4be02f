/**
 * What the Kafka adapter returns. Offsets are plain numbers: JavaScript integers are
 * exact up to 2^53, far beyond any real partition's offset.
 */
import type { ConfigSource } from './config-sources';

export type { ConfigSource };

export interface BrokerNode {
  id: number;
  host: string;
  port: number;
  rack: string | null;
}

export interface PartitionMetadata {
  partition: number;
  /** -1 when the partition has no leader (offline). */
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  /** Kafka error name for this partition in the Metadata answer (e.g. LEADER_NOT_AVAILABLE), if any. */
  error: string | null;
}

export interface TopicMetadata {
  name: string;
  internal: boolean;
  partitions: PartitionMetadata[];
}

export interface ClusterMetadata {
  clusterId: string | null;
  /** KRaft or ZooKeeper, from the versions the answering broker serves (ZooKeeper brokers serve no DescribeQuorum). */
  mode: 'kraft' | 'zookeeper';
  brokers: BrokerNode[];
  /** The controller id as Metadata reports it; in KRaft this is a random broker, not the active controller. */
  metadataControllerId: number;
  topics: TopicMetadata[];
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** Offsets of one partition, from its leader. */
export interface PartitionOffsets extends TopicPartition {
  logStartOffset: number;
  /** read_uncommitted end offset: what lag is measured against. */
  highWatermark: number;
  /** read_committed end offset; below the high watermark while a transaction is open. */
  lastStableOffset: number;
}

export interface PartitionReplicaSize extends TopicPartition {
  broker: number;
  logDir: string;
  sizeBytes: number;
  /** Bytes by which the replica lags behind the leader's log end (future replicas are excluded). */
  offsetLag: number;
}

export interface LogDirUsage {
  broker: number;
  path: string;
  error: string | null;
  /** Null where the broker does not report capacity. */
  totalBytes: number | null;
  usableBytes: number | null;
  /** The broker serves DescribeLogDirs below v4 (before Kafka 3.3): capacity cannot be asked for. */
  capacityNotServed?: true;
}

export interface GroupListing {
  groupId: string;
  /** "consumer" for the classic consumer protocol and KIP-848 groups alike, else the protocol type ("" for simple groups). */
  protocolType: string;
  state: string;
  /** Broker id of the group coordinator that listed it. */
  coordinator: number;
  /** "classic" or "consumer" (KIP-848) where the broker says. */
  groupType: string | null;
}

export interface GroupMemberAssignment {
  topic: string;
  partitions: number[];
}

export interface GroupMemberDescription {
  memberId: string;
  clientId: string;
  host: string;
  assignment: GroupMemberAssignment[];
}

export interface GroupDescription {
  groupId: string;
  state: string;
  /** "classic" or "consumer" (the KIP-848 protocol). */
  protocol: 'classic' | 'consumer';
  /** For classic groups: the assignor (e.g. "range"); for consumer groups: the server assignor. */
  assignor: string;
  protocolType: string;
  members: GroupMemberDescription[];
  error: string | null;
}

export interface CommittedOffset extends TopicPartition {
  offset: number;
}

export interface GroupOffsets {
  groupId: string;
  offsets: CommittedOffset[];
  error: string | null;
}

/** The value a topic would have without its own override, as Kafka reports it. */
export interface ConfigDefault {
  /** The config the value belongs to: the topic config itself, or a broker synonym (log.retention.hours). */
  name: string;
  value: string | null;
  source: ConfigSource;
}

export interface TopicConfig {
  topic: string;
  /** Name → value; null for a sensitive entry (Kafka sends no value for it). */
  configs: Record<string, string | null>;
  /** Name → where that value comes from; an override of this topic is DYNAMIC_TOPIC_CONFIG. */
  sources: Record<string, ConfigSource>;
  /** Names of the entries Kafka marks sensitive. */
  sensitive: string[];
  /** For each override: the value without it, where Kafka reports one (see topic-config-defaults.ts). */
  defaults: Record<string, ConfigDefault>;
  error: string | null;
}

/** A failure of one part of a request (one broker, one coordinator), recorded rather than thrown. */
export interface PartialFailure {
  operation: string;
  broker: number | null;
  message: string;
  /** The broker serves no version of the request we can send: a missing feature, not a fault. */
  notServed?: true;
  /** The request version that failed, where one was sent. */
  version?: number;
  /** The broker's authorizer refused it (no ACL allows it): `message` says which permission is missing. */
  notAuthorised?: true;
  /** The topics or groups refused, where the refusal names them (the message shows a few). */
  resources?: string[];
}

export interface WithFailures<T> {
  value: T;
  failures: PartialFailure[];
}
