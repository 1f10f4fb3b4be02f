import { describe, expect, it } from 'vitest';
import {
  API_VERSIONS,
  chooseVersion,
  clusterModeOf,
  notServedMessage,
  type ApiRange,
  type BrokerApis,
} from '@/lib/kafka/protocol-versions';

/** A broker's ApiVersions answer: API name → [min, max]. */
function broker(ranges: Partial<Record<keyof typeof API_VERSIONS, [number, number]>>): BrokerApis {
  return new Map(
    Object.entries(ranges).map(([name, [min, max]]) => [
      API_VERSIONS[name as keyof typeof API_VERSIONS].key,
      { min, max } satisfies ApiRange,
    ]),
  );
}

/** What each release serves (KAFKA-NOTES.md, measured from each release's ApiKeys). */
const KAFKA_2_8 = broker({
  Metadata: [0, 11],
  ListOffsets: [0, 6],
  OffsetFetch: [0, 7],
  ListGroups: [0, 4],
  DescribeLogDirs: [0, 2],
  Fetch: [0, 12],
});
const KAFKA_3_6 = broker({
  Metadata: [0, 12],
  ListOffsets: [0, 8],
  OffsetFetch: [0, 8],
  ListGroups: [0, 4],
  DescribeLogDirs: [0, 4],
  DescribeQuorum: [0, 1],
  Fetch: [0, 15],
});
const KAFKA_3_8 = broker({
  Metadata: [0, 12],
  ListOffsets: [0, 8],
  OffsetFetch: [0, 9],
  ListGroups: [0, 5],
  DescribeLogDirs: [0, 4],
  DescribeQuorum: [0, 1],
  ConsumerGroupDescribe: [0, 0],
});
const KAFKA_4_4 = broker({
  Metadata: [0, 13],
  ListOffsets: [1, 11],
  OffsetFetch: [1, 10],
  ListGroups: [0, 5],
  DescribeLogDirs: [1, 5],
  DescribeQuorum: [0, 2],
  ConsumerGroupDescribe: [0, 1],
  Fetch: [4, 18],
});

describe('chooseVersion', () => {
  it('sends Kafka 2.8 only versions it serves', () => {
    expect(chooseVersion('Metadata', KAFKA_2_8)).toBe(11);
    expect(chooseVersion('ListOffsets', KAFKA_2_8)).toBe(6);
    expect(chooseVersion('OffsetFetch', KAFKA_2_8)).toBe(7);
    expect(chooseVersion('ListGroups', KAFKA_2_8)).toBe(4);
    expect(chooseVersion('DescribeLogDirs', KAFKA_2_8)).toBe(2);
    expect(chooseVersion('DescribeQuorum', KAFKA_2_8)).toBeNull();
    expect(chooseVersion('ConsumerGroupDescribe', KAFKA_2_8)).toBeNull();
    expect(chooseVersion('Fetch', KAFKA_2_8)).toBe(12);
  });

  it('asks KRaft 3.6 and 3.8 for DescribeQuorum v1, and 3.6 for ListGroups v4', () => {
    expect(chooseVersion('DescribeQuorum', KAFKA_3_6)).toBe(1);
    expect(chooseVersion('DescribeQuorum', KAFKA_3_8)).toBe(1);
    expect(chooseVersion('ListGroups', KAFKA_3_6)).toBe(4);
    expect(chooseVersion('ListGroups', KAFKA_3_8)).toBe(5);
    expect(chooseVersion('OffsetFetch', KAFKA_3_6)).toBe(8);
  });

  it('uses the best version we speak on Kafka 4.4, within a range that no longer starts at 0', () => {
    expect(chooseVersion('Metadata', KAFKA_4_4)).toBe(12);
    expect(chooseVersion('ListOffsets', KAFKA_4_4)).toBe(7);
    expect(chooseVersion('DescribeLogDirs', KAFKA_4_4)).toBe(4);
    expect(chooseVersion('DescribeQuorum', KAFKA_4_4)).toBe(2);
    expect(chooseVersion('Fetch', KAFKA_4_4)).toBe(12);
    // A range above everything we speak: nothing to send.
    expect(chooseVersion('Fetch', broker({ Fetch: [13, 18] }))).toBeNull();
  });
});

describe('clusterModeOf', () => {
  it('calls a cluster whose brokers serve no DescribeQuorum ZooKeeper mode', () => {
    expect(clusterModeOf(KAFKA_2_8)).toBe('zookeeper');
    expect(clusterModeOf(KAFKA_3_6)).toBe('kraft');
  });
});

describe('notServedMessage', () => {
  it('names the request, the broker, the release that first serves it and what the broker serves', () => {
    expect(notServedMessage('ConsumerGroupDescribe', KAFKA_2_8, 2)).toBe(
      'ConsumerGroupDescribe is not served by broker 2 (needs Kafka 3.7)',
    );
    expect(notServedMessage('Fetch', broker({ Fetch: [0, 11] }), 1)).toBe(
      'Fetch is not served by broker 1 (needs Kafka 2.7; it serves v0-11)',
    );
  });
});
