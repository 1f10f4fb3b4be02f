/**
 * Log start offset, high watermark and last stable offset of every partition:
 * three ListOffsets requests per leader broker, each covering all its partitions,
 * log start offsets first.
 */
import { listOffsetsV5, listOffsetsV6, listOffsetsV7 } from '@platformatic/kafka';
import type { BrokerConnections } from './connection';
import { failureOf, kafkaErrorName } from './errors';
import type { BrokerNode, PartialFailure, PartitionOffsets, TopicMetadata, WithFailures } from './types';

const EARLIEST = -2n;
const LATEST = -1n;
const READ_UNCOMMITTED = 0;
const READ_COMMITTED = 1;
/** The replica id consumers send: "not a broker". */
const CONSUMER_REPLICA_ID = -1;

export interface OffsetsOptions {
  /**
   * Runs after every log start offset is read and before the end offsets are: read
   * committed offsets here, so that committed < log start means data really was lost
   * and committed > end means the end really moved back (no false alarm from a race).
   */
  betweenStartAndEnd?: () => Promise<void>;
}

type Offsets = Map<string, Map<number, bigint>>;

/** v5–v7 take the same request and answer with the fields we read. */
const LIST_OFFSETS = { 7: listOffsetsV7.api, 6: listOffsetsV6.api, 5: listOffsetsV5.api } as unknown as Record<
  number,
  typeof listOffsetsV7.api
>;

function groupByLeader(topics: TopicMetadata[]): Map<number, listOffsetsV7.ListOffsetsRequestTopic[]> {
  const byLeader = new Map<number, Map<string, number[]>>();
  for (const topic of topics) {
    for (const p of topic.partitions) {
      if (p.leader < 0) continue; // offline: nobody can answer for it
      const leaderTopics = byLeader.get(p.leader) ?? new Map<string, number[]>();
      byLeader.set(p.leader, leaderTopics);
      // Appended in place: copying the list per partition was quadratic in a topic's partitions.
      const partitions = leaderTopics.get(topic.name);
      if (partitions) partitions.push(p.partition);
      else leaderTopics.set(topic.name, [p.partition]);
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
  options: OffsetsOptions = {},
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

  const leaders = [...groupByLeader(topics)].flatMap(([leader, requestTopics]) => {
    const broker = brokers.find((b) => b.id === leader);
    return broker ? [{ leader, broker, requestTopics }] : [];
  });
  const failed = new Set<number>();
  const eachLeader = (
    ask: (broker: BrokerNode, topics: listOffsetsV7.ListOffsetsRequestTopic[], leader: number) => Promise<void>,
  ) =>
    Promise.all(
      leaders
        .filter(({ leader }) => !failed.has(leader))
        .map(({ leader, broker, requestTopics }) =>
          ask(broker, requestTopics, leader).catch((error: unknown) => {
            failed.add(leader);
            failures.push(failureOf('ListOffsets', leader, error));
          }),
        ),
    );

  await eachLeader(async (broker, requestTopics, leader) => {
    const start = await connections.call(
      broker,
      LIST_OFFSETS[await connections.version(broker, 'ListOffsets')],
      CONSUMER_REPLICA_ID,
      READ_UNCOMMITTED,
      withTimestamp(requestTopics, EARLIEST),
    );
    record(starts, start, leader);
  });
  await options.betweenStartAndEnd?.();
  await eachLeader(async (broker, requestTopics, leader) => {
    const api = LIST_OFFSETS[await connections.version(broker, 'ListOffsets')];
    const [end, stable] = await Promise.all([
      connections.call(broker, api, CONSUMER_REPLICA_ID, READ_UNCOMMITTED, withTimestamp(requestTopics, LATEST)),
      connections.call(broker, api, CONSUMER_REPLICA_ID, READ_COMMITTED, withTimestamp(requestTopics, LATEST)),
    ]);
    record(ends, end, leader);
    record(stables, stable, leader);
  });

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
