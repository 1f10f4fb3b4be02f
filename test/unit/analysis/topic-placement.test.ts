import { describe, expect, it } from 'vitest';
import { topicPlacement, topPlacements } from '@/lib/analysis/topic-placement';
import type { PartitionReplicaSize, TopicMetadata } from '@/lib/kafka/types';

function topic(name: string, replicaSets: number[][]): TopicMetadata {
  return {
    name,
    internal: false,
    partitions: replicaSets.map((replicas, partition) => ({
      partition,
      leader: replicas[0],
      replicas,
      isr: replicas,
      offlineReplicas: [],
      error: null,
    })),
  };
}

const size = (t: string, partition: number, broker: number, sizeBytes: number): PartitionReplicaSize => ({
  topic: t,
  partition,
  broker,
  logDir: '/data',
  sizeBytes,
  offsetLag: 0,
});

describe('topicPlacement', () => {
  it('counts replicas and adds up bytes per broker for each topic', () => {
    const [row] = topicPlacement(
      [
        topic('a', [
          [1, 2],
          [2, 3],
          [2, 1],
        ]),
      ],
      [size('a', 0, 1, 10), size('a', 0, 2, 10), size('a', 1, 2, 5), size('a', 1, 3, 5)],
    );
    expect(row.replicas).toEqual({ 1: 2, 2: 3, 3: 1 });
    expect(row.sizeBytes).toEqual({ 1: 10, 2: 15, 3: 5 });
    expect(row.totalBytes).toBe(30);
    expect(row.totalReplicas).toBe(6);
  });

  it('keeps the largest topics first and no more than the limit', () => {
    const rows = topicPlacement(
      [topic('small', [[1]]), topic('big', [[2]]), topic('empty', [[3]])],
      [size('small', 0, 1, 1), size('big', 0, 2, 100)],
      2,
    );
    expect(rows.map((r) => r.topic)).toEqual(['big', 'small']);
  });

  it('also keeps the topics with the most replicas, for the replicas view', () => {
    const many = topic('many-small', [
      [1, 2, 3],
      [2, 3, 1],
      [3, 1, 2],
    ]);
    const rows = topicPlacement(
      [topic('big', [[1]]), topic('bigger', [[2]]), many],
      [size('big', 0, 1, 100), size('bigger', 0, 2, 200), size('many-small', 0, 1, 1)],
      2,
    );
    expect(rows.map((r) => r.topic)).toEqual(['bigger', 'big', 'many-small']);
  });

  it('gives a topic without reported sizes zero bytes, not a missing row', () => {
    expect(topicPlacement([topic('t', [[1, 2]])], [])[0]).toMatchObject({ totalBytes: 0, sizeBytes: {} });
  });
});

describe('topPlacements', () => {
  const rows = [
    { topic: 'wide', totalBytes: 10, totalReplicas: 150 },
    { topic: 'heavy', totalBytes: 5_000, totalReplicas: 3 },
    { topic: 'both', totalBytes: 5_000, totalReplicas: 9 },
    { topic: 'a-tie', totalBytes: 10, totalReplicas: 150 },
  ];

  it('sorts by replicas in the replicas view, bytes breaking ties, then names', () => {
    expect(topPlacements(rows, 'replicas', 10).map((r) => r.topic)).toEqual(['a-tie', 'wide', 'both', 'heavy']);
  });

  it('sorts by bytes in the bytes view, replicas breaking ties', () => {
    expect(topPlacements(rows, 'bytes', 10).map((r) => r.topic)).toEqual(['both', 'heavy', 'a-tie', 'wide']);
  });

  it('keeps no more than the limit', () => {
    expect(topPlacements(rows, 'replicas', 1)).toHaveLength(1);
  });
});
