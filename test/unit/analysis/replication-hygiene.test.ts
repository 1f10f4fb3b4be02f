import { describe, expect, it } from 'vitest';
import { replicationHygiene } from '@/lib/analysis/replication-hygiene';
import type { PartitionMetadata, TopicMetadata } from '@/lib/kafka/types';

/** Partition `partition` led by `leader` with `replicas` (in preference order), all in sync. */
function part(partition: number, leader: number, replicas: number[]): PartitionMetadata {
  return { partition, leader, replicas, isr: leader >= 0 ? replicas : [], offlineReplicas: [], error: null };
}

function topic(name: string, ...partitions: PartitionMetadata[]): TopicMetadata {
  return { name, internal: name.startsWith('__'), partitions };
}

describe('replicationHygiene', () => {
  it('flags topics with a single replica, internal ones included', () => {
    const topics = [topic('__consumer_offsets', part(0, 1, [1])), topic('ok', part(0, 1, [1, 2]))];
    expect(replicationHygiene(topics, {}, 3)).toEqual([
      {
        topic: '__consumer_offsets',
        problem: 'replication-factor-below-2',
        replicationFactor: 1,
        minInSyncReplicas: null,
      },
    ]);
  });

  it('flags min.insync.replicas above the replication factor', () => {
    const configs = { orders: { 'min.insync.replicas': '3' } };
    expect(replicationHygiene([topic('orders', part(0, 1, [1, 2]))], configs, 3)).toEqual([
      { topic: 'orders', problem: 'min-insync-unsatisfiable', replicationFactor: 2, minInSyncReplicas: 3 },
    ]);
  });

  it('flags min.insync.replicas above the broker count', () => {
    const configs = { orders: { 'min.insync.replicas': '3' } };
    const findings = replicationHygiene([topic('orders', part(0, 1, [1, 2, 3]))], configs, 2);
    expect(findings.map((f) => f.problem)).toEqual(['min-insync-unsatisfiable']);
  });

  it('accepts min.insync.replicas equal to the replication factor', () => {
    const configs = { orders: { 'min.insync.replicas': '2' } };
    expect(replicationHygiene([topic('orders', part(0, 1, [1, 2]))], configs, 3)).toEqual([]);
  });

  it('reports both problems of one topic, using its smallest partition', () => {
    const configs = { t: { 'min.insync.replicas': '2' } };
    const findings = replicationHygiene([topic('t', part(0, 1, [1, 2]), part(1, 2, [2]))], configs, 3);
    expect(findings.map((f) => [f.problem, f.replicationFactor])).toEqual([
      ['replication-factor-below-2', 1],
      ['min-insync-unsatisfiable', 1],
    ]);
  });

  it('skips topics without partitions in the metadata', () => {
    expect(replicationHygiene([topic('gone')], {}, 3)).toEqual([]);
  });
});
