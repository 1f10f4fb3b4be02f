/**
 * The active KRaft controller: the leader of the metadata quorum. Metadata's
 * controller id is a random broker under KRaft, so it cannot be trusted for this.
 */
import { describeQuorumV2 } from '@platformatic/kafka';
import type { BrokerConnections } from './connection';
import { describeError, kafkaErrorName } from './errors';
import type { BrokerNode, WithFailures } from './types';

const METADATA_TOPIC = '__cluster_metadata';

/** Null when no broker answers DescribeQuorum (e.g. a ZooKeeper-mode cluster before 3.x). */
export async function fetchActiveController(
  connections: BrokerConnections,
  brokers: BrokerNode[],
): Promise<WithFailures<number | null>> {
  const failures: WithFailures<null>['failures'] = [];
  for (const broker of brokers) {
    try {
      const response = await connections.call(broker, describeQuorumV2.api, [
        { topicName: METADATA_TOPIC, partitions: [{ partitionIndex: 0 }] },
      ]);
      const partition = response.topics[0]?.partitions[0];
      const error =
        kafkaErrorName(response.errorCode) ?? (partition ? kafkaErrorName(partition.errorCode) : 'NO_PARTITION');
      if (!error && partition && partition.leaderId >= 0) return { value: partition.leaderId, failures };
      failures.push({ operation: 'DescribeQuorum', broker: broker.id, message: error ?? 'no quorum leader' });
    } catch (error) {
      failures.push({ operation: 'DescribeQuorum', broker: broker.id, message: describeError(error) });
    }
  }
  return { value: null, failures };
}
