import { describe, expect, it } from 'vitest';
import { countPartitionHealth, partitionHealth } from '@/lib/analysis/partition-health';

const partition = (leader: number, replicas: number[], isr: number[]) => ({ leader, replicas, isr });

describe('partitionHealth', () => {
  it('calls a partition without a leader offline when its ISR is empty, as Kafka 4.4 reports it', () => {
    expect(partitionHealth(partition(-1, [3], []))).toBe('offline');
  });

  it('calls a partition without a leader offline, even when its ISR is short', () => {
    expect(partitionHealth(partition(-1, [1, 2, 3], [3]))).toBe('offline');
  });

  it('calls a partition without a leader offline when older Kafka keeps its last replica in the ISR', () => {
    expect(partitionHealth(partition(-1, [3], [3]))).toBe('offline');
  });

  it('calls a led partition with fewer in-sync replicas than replicas under-replicated', () => {
    expect(partitionHealth(partition(1, [1, 2, 3], [1, 2]))).toBe('under-replicated');
  });

  it('calls a led partition with every replica in sync in-sync', () => {
    expect(partitionHealth(partition(2, [2, 3], [3, 2]))).toBe('in-sync');
  });
});

describe('countPartitionHealth', () => {
  it('counts offline and under-replicated partitions apart, each partition once', () => {
    const partitions = [
      partition(-1, [1, 2, 3], [3]),
      partition(-1, [3], [3]),
      partition(1, [1, 2, 3], [1, 2]),
      partition(2, [1, 2, 3], [1, 2, 3]),
    ];
    expect(countPartitionHealth(partitions)).toEqual({ offline: 2, underReplicated: 1 });
  });

  it('counts nothing for a healthy or empty topic', () => {
    expect(countPartitionHealth([partition(1, [1], [1])])).toEqual({ offline: 0, underReplicated: 0 });
    expect(countPartitionHealth([])).toEqual({ offline: 0, underReplicated: 0 });
  });
});
