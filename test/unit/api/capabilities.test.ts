import { describe, expect, it } from 'vitest';
import { clusterStatus } from '@/lib/api/views/cluster-views';
import { unavailableFeatures } from '@/lib/api/views/capabilities';
import { clusterState } from '../../helpers/cluster-state-builder';

describe('unavailableFeatures', () => {
  it('says once per feature which brokers cannot serve it and why, and does not count it as a fault', () => {
    const state = clusterState();
    const snapshot = state.snapshot!;
    snapshot.brokers[1].reachable = true;
    snapshot.failures = [1, 2].map((broker) => ({
      operation: 'ConsumerGroupDescribe',
      broker,
      message: `ConsumerGroupDescribe is not served by broker ${broker} (needs Kafka 3.7)`,
      notServed: true as const,
    }));
    snapshot.logDirs = [1, 2].map((broker) => ({
      broker,
      path: '/d',
      error: null,
      totalBytes: null,
      usableBytes: null,
      capacityNotServed: true as const,
    }));
    expect(unavailableFeatures(snapshot)).toEqual([
      {
        feature: 'ConsumerGroupDescribe',
        brokers: [1, 2],
        message: 'ConsumerGroupDescribe is not served (needs Kafka 3.7)',
      },
      {
        feature: 'log dir capacity',
        brokers: [1, 2],
        message: 'disk capacity is not available on Kafka before 3.3 (DescribeLogDirs v4)',
      },
    ]);
    expect(clusterStatus(state)).toBe('ok');
    snapshot.failures.push({ operation: 'ListOffsets', broker: 1, message: 'Connection closed' });
    expect(clusterStatus(state)).toBe('degraded');
  });
});
