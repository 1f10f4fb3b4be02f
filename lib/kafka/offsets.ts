/**
 * Log start offset, high watermark and last stable offset of every partition:
 * three ListOffsets requests per leader broker, each covering all its partitions.
 */
import { listOffsetsV7 } from '@platformatic/kafka';
import type { BrokerConnections } from './connection';
import { describeError, kafkaErrorName } from './errors';
import type { BrokerNode, PartialFailure, PartitionOffsets, TopicMetadata, WithFailures } from './types';

const EARLIEST = -2n;
const LATEST = -1n;
const READ_UNCOMMITTED = 0;
const READ_COMMITTED = 1;
/** The replica id consumers send: "not a broker". */
const CONSUMER_REPLICA_ID = -1;

type Offsets = Map<string, Map<number, bigint>>;

function groupByLeader(topics: TopicMetadata[]): Map<number, listOffsetsV7.ListOffsetsRequestTopic[]> {
  const byLeader = new Map<number, Map<string, number[]>>();
  for (const topic of topics) {
    for (const p of topic.partitions) {
      if (p.leader < 0) continue; // offline: nobody can answer for it
      const leaderTopics = byLeader.get(p.leader) ?? new Map<string, number[]>();
      byLeader.set(p.leader, leaderTopics);
      leaderTopics.set(topic.name, [...(leaderTopics.get(topic.name) ?? []), p.partition]);
    }
  }
  return new Map(
    [...byLeader].map(([leader, leaderTopics]) => [
      leader,
      [...leaderTopics].map(([name, partitions]) => ({
        name,
        partitions: partitions.map((partitionIndex) => ({ partitionIndex, currentLeaderEpoch: -1, timestamp: 0n })),
      })),
    ]),
  );
}

function withTimestamp(
  topics: listOffsetsV7.ListOffsetsRequestTopic[],
  timestamp: bigint,
): listOffsetsV7.ListOffsetsRequestTopic[] {
  return topics.map((t) => ({ ...t, partitions: t.partitions.map((p) => ({ ...p, timestamp })) }));
}

export async function fetchPartitionOffsets(
  connections: BrokerConnections,
  brokers: BrokerNode[],
  topics: TopicMetadata[],
): Promise<WithFailures<PartitionOffsets[]>> {
  const failures: PartialFailure[] = [];
  const starts: Offsets = new Map();
  const ends: Offsets = new Map();
  const stables: Offsets = new Map();
  const record = (into: Offsets, response: listOffsetsV7.ListOffsetsResponse, leader: number) => {
    for (const topic of response.topics) {
      for (const p of topic.partitions) {
        const error = kafkaErrorName(p.errorCode);
        if (error) {
          failures.push({
            operation: 'ListOffsets',
            broker: leader,
            message: `${topic.name}-${p.partitionIndex}: ${error}`,
          });
          continue;
        }
        const partitions = into.get(topic.name) ?? new Map<number, bigint>();
        into.set(topic.name, partitions);
        partitions.set(p.partitionIndex, p.offset);
      }
    }
  };

  await Promise.all(
    [...groupByLeader(topics)].map(async ([leader, requestTopics]) => {
      const broker = brokers.find((b) => b.id === leader);
      if (!broker) return;
      try {
        const [start, end, stable] = await Promise.all([
          connections.call(
            broker,
            listOffsetsV7.api,
            CONSUMER_REPLICA_ID,
            READ_UNCOMMITTED,
            withTimestamp(requestTopics, EARLIEST),
          ),
          connections.call(
            broker,
            listOffsetsV7.api,
            CONSUMER_REPLICA_ID,
            READ_UNCOMMITTED,
            withTimestamp(requestTopics, LATEST),
          ),
          connections.call(
            broker,
            listOffsetsV7.api,
            CONSUMER_REPLICA_ID,
            READ_COMMITTED,
            withTimestamp(requestTopics, LATEST),
          ),
        ]);
        record(starts, start, leader);
        record(ends, end, leader);
        record(stables, stable, leader);
      } catch (error) {
        failures.push({ operation: 'ListOffsets', broker: leader, message: describeError(error) });
      }
    }),
  );

  const value: PartitionOffsets[] = [];
  for (const [topic, partitions] of ends) {
    for (const [partition, end] of partitions) {
      const start = starts.get(topic)?.get(partition);
      if (start === undefined) continue;
      value.push({
        topic,
        partition,
        logStartOffset: Number(start),
        highWatermark: Number(end),
        lastStableOffset: Number(stables.get(topic)?.get(partition) ?? end),
      });
    }
  }
  return { value, failures };
}
