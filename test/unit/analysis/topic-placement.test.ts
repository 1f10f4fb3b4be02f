import { describe, expect, it } from 'vitest';
import { topicPlacement } from '@/lib/analysis/topic-placement';
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
  });

  it('keeps the largest topics first and no more than the limit', () => {
    const rows = topicPlacement(
      [topic('small', [[1]]), topic('big', [[2]]), topic('empty', [[3]])],
      [size('small', 0, 1, 1), size('big', 0, 2, 100)],
      2,
    );
    expect(rows.map((r) => r.topic)).toEqual(['big', 'small']);
  });

  it('gives a topic without reported sizes zero bytes, not a missing row', () => {
    expect(topicPlacement([topic('t', [[1, 2]])], [])[0]).toMatchObject({ totalBytes: 0, sizeBytes: {} });
  });
});
