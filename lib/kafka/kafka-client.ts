/**
 * The one narrow interface the rest of Watermark uses to read a Kafka cluster.
 * Read-only by construction: it only sends describe/list/fetch-style requests.
 */
import type { ResolvedConnection } from '../config/connection-options';
import { BrokerConnections, parseBrokerAddress, type BrokerAddress, type ReloadConnection } from './connection';
import { fetchActiveController } from './controller';
import { describeGroups, fetchCommittedOffsets, listGroups } from './groups';
import { fetchLogDirs, type LogDirsResult } from './log-dirs';
import { fetchMetadata, fetchRefusedTopics, probeBrokers, type BrokerProbe } from './metadata';
import { fetchPartitionOffsets, type OffsetsOptions } from './offsets';
import { readRecordAtOffset, type RecordAtOffset, type RecordAtOffsetRequest } from './record-at-offset';
import { fetchRecordTimestamps, type RecordTimestamp, type TimestampRequest } from './record-timestamps';
import { fetchTopicConfigs } from './topic-configs';
import type {
  BrokerNode,
  ClusterMetadata,
  GroupDescription,
  GroupListing,
  GroupOffsets,
  PartitionOffsets,
  TopicConfig,
  TopicMetadata,
  WithFailures,
} from './types';

export interface KafkaClient {
  metadata(): Promise<ClusterMetadata>;
  probeBrokers(brokers: BrokerNode[]): Promise<BrokerProbe[]>;
  activeController(
    brokers: BrokerNode[],
    metadata: Pick<ClusterMetadata, 'mode' | 'metadataControllerId'>,
  ): Promise<WithFailures<number | null>>;
  partitionOffsets(
    brokers: BrokerNode[],
    topics: TopicMetadata[],
    options?: OffsetsOptions,
  ): Promise<WithFailures<PartitionOffsets[]>>;
  logDirs(brokers: BrokerNode[]): Promise<WithFailures<LogDirsResult>>;
  topicConfigs(brokers: BrokerNode[], topics: string[]): Promise<WithFailures<TopicConfig[]>>;
  listGroups(brokers: BrokerNode[]): Promise<WithFailures<GroupListing[]>>;
  describeGroups(brokers: BrokerNode[], groups: GroupListing[]): Promise<WithFailures<GroupDescription[]>>;
  committedOffsets(brokers: BrokerNode[], groups: GroupListing[]): Promise<WithFailures<GroupOffsets[]>>;
  /** Timestamp of the first record at or after each offset (one group-less Fetch per leader): exact time lag. */
  recordTimestamps(
    brokers: BrokerNode[],
    topics: TopicMetadata[],
    requests: TimestampRequest[],
  ): Promise<WithFailures<RecordTimestamp[]>>;
  /** The record at one offset, read on request (one group-less Fetch to the leader). */
  recordAtOffset(
    brokers: BrokerNode[],
    topics: TopicMetadata[],
    request: RecordAtOffsetRequest,
  ): Promise<RecordAtOffset>;
  /** Of topics other answers named but Metadata did not list, those this user may not describe (not deleted ones). */
  refusedTopics(brokers: BrokerNode[], names: string[]): Promise<string[]>;
  /** Kafka requests sent since the cycle began (for the benchmark). */
  readonly requestCount: number;
  /** Starts a cycle: the request count restarts, and brokers that did not answer in time last cycle are asked again. */
  beginCycle(): void;
  close(): Promise<void>;
}

/**
 * `reload` reads the connection settings again (secrets and TLS files rotated on disk); it
 * is called after an authentication or TLS failure and returns the new settings when they changed.
 */
export function createKafkaClient(connection: ResolvedConnection, reload?: ReloadConnection): KafkaClient {
  const connections = new BrokerConnections(connection, reload);
  const bootstrap = connection.brokers.map(parseBrokerAddress);
  let known: BrokerAddress[] = [];
  return {
    async metadata() {
      // Brokers seen last time first, then the configured bootstrap list.
      const metadata = await fetchMetadata(connections, [...known, ...bootstrap]);
      known = metadata.brokers;
      return metadata;
    },
    probeBrokers: (brokers) => probeBrokers(connections, brokers),
    activeController: (brokers, metadata) => fetchActiveController(connections, brokers, metadata),
    partitionOffsets: (brokers, topics, options) => fetchPartitionOffsets(connections, brokers, topics, options),
    logDirs: (brokers) => fetchLogDirs(connections, brokers),
    topicConfigs: (brokers, topics) => fetchTopicConfigs(connections, brokers, topics),
    listGroups: (brokers) => listGroups(connections, brokers),
    describeGroups: (brokers, groups) => describeGroups(connections, brokers, groups),
    committedOffsets: (brokers, groups) => fetchCommittedOffsets(connections, brokers, groups),
    recordTimestamps: (brokers, topics, requests) => fetchRecordTimestamps(connections, brokers, topics, requests),
    recordAtOffset: (brokers, topics, request) => readRecordAtOffset(connections, brokers, topics, request),
    refusedTopics: (brokers, names) => fetchRefusedTopics(connections, brokers, names),
    get requestCount() {
      return connections.requestCount;
    },
    beginCycle: () => connections.beginCycle(),
    close: () => connections.close(),
  };
}
