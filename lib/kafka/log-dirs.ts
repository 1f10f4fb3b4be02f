/**
 * Replica sizes per partition and log dir capacity: one DescribeLogDirs per broker.
 */
import { describeLogDirsV4 } from '@platformatic/kafka';
import type { BrokerConnections } from './connection';
import { describeError, kafkaErrorName } from './errors';
import type { BrokerNode, LogDirUsage, PartialFailure, PartitionReplicaSize, WithFailures } from './types';

export interface LogDirsResult {
  replicas: PartitionReplicaSize[];
  dirs: LogDirUsage[];
}

/** Brokers older than 3.3 answer -1 for capacity: keep that as unknown. */
const knownBytes = (value: bigint): number | null => (value < 0n ? null : Number(value));

export async function fetchLogDirs(
  connections: BrokerConnections,
  brokers: BrokerNode[],
): Promise<WithFailures<LogDirsResult>> {
  const failures: PartialFailure[] = [];
  const replicas: PartitionReplicaSize[] = [];
  const dirs: LogDirUsage[] = [];
  await Promise.all(
    brokers.map(async (broker) => {
      try {
        // A null topic list asks for every topic.
        const response = await connections.call(broker, describeLogDirsV4.api, null as unknown as []);
        for (const result of response.results) {
          dirs.push({
            broker: broker.id,
            path: result.logDir,
            error: kafkaErrorName(result.errorCode),
            totalBytes: knownBytes(result.totalBytes),
            usableBytes: knownBytes(result.usableBytes),
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
        failures.push({ operation: 'DescribeLogDirs', broker: broker.id, message: describeError(error) });
      }
    }),
  );
  return { value: { replicas, dirs }, failures };
}
