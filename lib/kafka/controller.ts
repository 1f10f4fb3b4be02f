/**
 * The active controller. KRaft: the leader of the metadata quorum, from DescribeQuorum
 * (Metadata's controller id is a random broker there). ZooKeeper mode serves no
 * DescribeQuorum: its Metadata controller id is the real one (ZooKeeper's /controller).
 */
import { describeQuorumV2 } from '@platformatic/kafka';
import { isNotAuthorised, notAuthorisedFailure } from './authorization';
import { isTimeout, type BrokerConnections } from './connection';
import { failureOf, kafkaErrorName } from './errors';
import { describeQuorumV0, describeQuorumV1, type DescribeQuorumV0Response } from './protocol/describe-quorum-v0-v1';
import type { BrokerNode, ClusterMetadata, PartialFailure, WithFailures } from './types';

const METADATA_TOPIC = '__cluster_metadata';
const QUORUM = [{ topicName: METADATA_TOPIC, partitions: [{ partitionIndex: 0 }] }];

/** Every version answers with the fields we read. */
const DESCRIBE_QUORUM = {
  2: describeQuorumV2.api,
  1: describeQuorumV1,
  0: describeQuorumV0,
} as unknown as Record<number, typeof describeQuorumV0>;

/**
 * Null when no broker names a controller. Refused (no Describe on the cluster): every broker
 * would refuse alike, so the search ends with one not-authorised failure, and the controller
 * is unknown rather than missing (see the controller-missing rule).
 */
export async function fetchActiveController(
  connections: BrokerConnections,
  brokers: BrokerNode[],
  metadata: Pick<ClusterMetadata, 'mode' | 'metadataControllerId'>,
): Promise<WithFailures<number | null>> {
  if (metadata.mode === 'zookeeper') {
    return { value: metadata.metadataControllerId >= 0 ? metadata.metadataControllerId : null, failures: [] };
  }
  const failures: PartialFailure[] = [];
  // Brokers that hung last cycle last: each forwards to the same controller, so one that
  // does not answer in time ends the search (asking the others would wait as long again).
  const ordered = [
    ...brokers.filter((b) => !connections.wasUnresponsive(b)),
    ...brokers.filter((b) => connections.wasUnresponsive(b)),
  ];
  for (const broker of ordered) {
    const operation = 'DescribeQuorum';
    try {
      const version = await connections.version(broker, 'DescribeQuorum');
      // Brokers forward DescribeQuorum to the controller: on its own connections (see BrokerConnections).
      const response: DescribeQuorumV0Response = await connections.callForwarded(
        broker,
        DESCRIBE_QUORUM[version],
        QUORUM,
      );
      const partition = response.topics[0]?.partitions[0];
      const error =
        kafkaErrorName(response.errorCode) ?? (partition ? kafkaErrorName(partition.errorCode) : 'NO_PARTITION');
      if (!error && partition && partition.leaderId >= 0) return { value: partition.leaderId, failures };
      if (isNotAuthorised(error)) {
        failures.push(notAuthorisedFailure(operation, 'Describe', { type: 'cluster' }));
        return { value: null, failures };
      }
      failures.push({ operation, broker: broker.id, message: error ?? 'no quorum leader' });
    } catch (error) {
      failures.push(failureOf(operation, broker.id, error));
      if (isTimeout(error)) break;
    }
  }
  return { value: null, failures };
}
