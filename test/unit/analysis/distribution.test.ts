import { describe, expect, it } from 'vitest';
import {
  brokerLoads,
  distributionSkew,
  preferredLeaderImbalance,
  sameRackReplicas,
  skew,
  type BrokerLoad,
} from '@/lib/analysis/distribution';
import type { BrokerNode, PartitionMetadata, PartitionReplicaSize, TopicMetadata } from '@/lib/kafka/types';

/** Partition `partition` led by `leader` with `replicas` (in preference order), all in sync. */
function part(partition: number, leader: number, replicas: number[]): PartitionMetadata {
  return { partition, leader, replicas, isr: leader >= 0 ? replicas : [], offlineReplicas: [], error: null };
}

function topic(name: string, ...partitions: PartitionMetadata[]): TopicMetadata {
  return { name, internal: name.startsWith('__'), partitions };
}

function broker(id: number, rack: string | null = null): BrokerNode {
  return { id, host: `b${id}`, port: 9092, rack };
}

function size(topicName: string, partition: number, brokerId: number, sizeBytes: number): PartitionReplicaSize {
  return { topic: topicName, partition, broker: brokerId, logDir: '/data', sizeBytes, offsetLag: 0 };
}

function load(brokerId: number, overrides: Partial<BrokerLoad> = {}): BrokerLoad {
  return { broker: brokerId, leaders: 0, replicas: 0, sizeBytes: 0, preferredLeaders: 0, ...overrides };
}

describe('brokerLoads', () => {
  it('counts leaders, replicas, preferred leaders and bytes per broker, in broker order', () => {
    const topics = [topic('orders', part(0, 1, [1, 2]), part(1, 1, [2, 1])), topic('audit', part(0, 3, [3, 1]))];
    const sizes = [size('orders', 0, 1, 100), size('orders', 0, 2, 90), size('orders', 1, 1, 50)];
    expect(brokerLoads([{ id: 1 }, { id: 2 }, { id: 3 }], topics, sizes)).toEqual([
      load(1, { leaders: 2, replicas: 3, sizeBytes: 150, preferredLeaders: 1 }),
      load(2, { leaders: 0, replicas: 2, sizeBytes: 90, preferredLeaders: 1 }),
      load(3, { leaders: 1, replicas: 1, sizeBytes: 0, preferredLeaders: 1 }),
    ]);
  });

  it('counts no leader for an offline partition (leader −1)', () => {
    const loads = brokerLoads([{ id: 1 }, { id: 2 }], [topic('t', part(0, -1, [1, 2]))], []);
    expect(loads.map((l) => l.leaders)).toEqual([0, 0]);
    expect(loads.map((l) => l.replicas)).toEqual([1, 1]);
  });

  it('ignores replicas and sizes of brokers not in the list', () => {
    const loads = brokerLoads([{ id: 1 }], [topic('t', part(0, 9, [9, 1]))], [size('t', 0, 9, 500)]);
    expect(loads).toEqual([load(1, { replicas: 1 })]);
  });

  it('leaves the bytes of a broker that did not describe its log dirs unknown, and out of the skew', () => {
    const topics = [topic('t', part(0, 1, [1, 2, 3]))];
    const sizes = [size('t', 0, 1, 100), size('t', 0, 2, 100)];
    const loads = brokerLoads([{ id: 1 }, { id: 2 }, { id: 3 }], topics, sizes, new Set([1, 2]));
    expect(loads.map((l) => l.sizeBytes)).toEqual([100, 100, null]);
    // Counted as 0, broker 3 would make the bytes skew 1.5 (100 over a mean of 66.7).
    expect(distributionSkew(loads).sizeBytes).toBe(1);
  });

  it('gives an empty list when there are no brokers', () => {
    expect(brokerLoads([], [topic('t', part(0, 1, [1]))], [size('t', 0, 1, 10)])).toEqual([]);
  });
});

describe('skew', () => {
  it('is the maximum over the mean', () => {
    expect(skew([1, 2, 3])).toBe(1.5);
  });

  it('is 1 for an even spread', () => {
    expect(skew([4, 4, 4])).toBe(1);
  });

  it('is null with no values or a mean of 0', () => {
    expect(skew([])).toBeNull();
    expect(skew([0, 0])).toBeNull();
  });
});

describe('distributionSkew', () => {
  it('measures the skew of leaders, replicas and bytes separately', () => {
    const loads = [load(1, { leaders: 3, replicas: 4, sizeBytes: 0 }), load(2, { leaders: 1, replicas: 4 })];
    expect(distributionSkew(loads)).toEqual({ leaders: 1.5, replicas: 1, sizeBytes: null });
  });

  it('is all null with no brokers', () => {
    expect(distributionSkew([])).toEqual({ leaders: null, replicas: null, sizeBytes: null });
  });
});

describe('preferredLeaderImbalance', () => {
  it('lists partitions led by a broker other than their first replica', () => {
    const topics = [topic('orders', part(0, 1, [1, 2]), part(1, 1, [2, 1])), topic('audit', part(0, 3, [2, 3]))];
    expect(preferredLeaderImbalance(topics)).toEqual([
      { topic: 'orders', partition: 1, leader: 1, preferred: 2 },
      { topic: 'audit', partition: 0, leader: 3, preferred: 2 },
    ]);
  });

  it('leaves out offline partitions', () => {
    expect(preferredLeaderImbalance([topic('t', part(0, -1, [1, 2]))])).toEqual([]);
  });
});

describe('sameRackReplicas', () => {
  const brokers = [broker(1, 'a'), broker(2, 'a'), broker(3, 'b'), broker(4, null)];

  it('reports a rack holding two replicas of a partition, avoidable when there are enough racks', () => {
    expect(sameRackReplicas([topic('t', part(0, 1, [1, 2])), topic('u', part(0, 1, [1, 3]))], brokers)).toEqual([
      { topic: 't', partition: 0, rack: 'a', brokers: [1, 2], avoidable: true },
    ]);
  });

  it('marks the sharing unavoidable when replicas outnumber the racks', () => {
    expect(sameRackReplicas([topic('t', part(0, 1, [1, 3, 2]))], brokers)).toEqual([
      { topic: 't', partition: 0, rack: 'a', brokers: [1, 2], avoidable: false },
    ]);
  });

  it('ignores brokers without a rack', () => {
    const noRacks = [broker(1), broker(2)];
    expect(sameRackReplicas([topic('t', part(0, 1, [1, 2]))], noRacks)).toEqual([]);
    expect(sameRackReplicas([topic('t', part(0, 1, [1, 4]))], brokers)).toEqual([]);
  });
});
