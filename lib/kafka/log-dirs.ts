/**
 * Replica sizes per partition and log dir capacity: one DescribeLogDirs per broker.
 */
import { describeLogDirsV2, describeLogDirsV3, describeLogDirsV4 } from '@platformatic/kafka';
import { isNotAuthorised, notAuthorisedFailure } from './authorization';
import type { BrokerConnections } from './connection';
import { failureOf, kafkaErrorName } from './errors';
import type { BrokerNode, LogDirUsage, PartialFailure, PartitionReplicaSize, WithFailures } from './types';

export interface LogDirsResult {
  replicas: PartitionReplicaSize[];
  dirs: LogDirUsage[];
}

/** A broker that does not report capacity answers -1: keep that as unknown. */
const knownBytes = (value: bigint): number | null => (value < 0n ? null : Number(value));

/** v2–v4 answer with the same shape; only v4 (Kafka 3.3+) fills in total and usable bytes. */
const DESCRIBE_LOG_DIRS = {
  4: describeLogDirsV4.api,
  3: describeLogDirsV3.api,
  2: describeLogDirsV2.api,
} as unknown as Record<number, typeof describeLogDirsV4.api>;

/**
 * Every broker's log dirs and replica sizes. A broker that refuses (no Describe on the cluster)
 * answers with no log dir at all: that is one not-authorised failure for the cluster, so its
 * sizes read as not authorised instead of 0.
 */
export async function fetchLogDirs(
  connections: BrokerConnections,
  brokers: BrokerNode[],
): Promise<WithFailures<LogDirsResult>> {
  const failures: PartialFailure[] = [];
  const replicas: PartitionReplicaSize[] = [];
  const dirs: LogDirUsage[] = [];
  let refused = false;
  await Promise.all(
    brokers.map(async (broker) => {
      try {
        const version = await connections.version(broker, 'DescribeLogDirs');
        // A null topic list asks for every topic.
        const response = await connections.call(broker, DESCRIBE_LOG_DIRS[version], null as unknown as []);
        // v3+ say why they answer with nothing; v2 has no error code at the top.
        const error = kafkaErrorName(response.errorCode ?? 0);
        if (isNotAuthorised(error)) refused = true;
        else if (error) failures.push({ operation: 'DescribeLogDirs', broker: broker.id, message: error });
        if (error) return;
        for (const result of response.results) {
          dirs.push({
            broker: broker.id,
            path: result.logDir,
            error: kafkaErrorName(result.errorCode),
            totalBytes: version >= 4 ? knownBytes(result.totalBytes) : null,
            usableBytes: version >= 4 ? knownBytes(result.usableBytes) : null,
            ...(version < 4 ? { capacityNotServed: true as const } : {}),
          });
          for (const topic of result.topics) {
            for (const p of topic.partitions) {
              // A future replica is a copy being moved between log dirs; count the current one only.
              if (p.isFutureKey) continue;
              replicas.push({
                topic: topic.name,
                partition: p.partitionIndex,
                broker: broker.id,
                logDir: result.logDir,
                sizeBytes: Number(p.partitionSize),
                offsetLag: Number(p.offsetLag),
              });
            }
          }
        }
      } catch (error) {
        failures.push(failureOf('DescribeLogDirs', broker.id, error));
      }
    }),
  );
  if (refused) failures.push(notAuthorisedFailure('DescribeLogDirs', 'Describe', { type: 'cluster' }));
  return { value: { replicas, dirs }, failures };
}
