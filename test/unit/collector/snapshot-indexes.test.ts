import { describe, expect, it } from 'vitest';
import { leaderSizeIndex, offsetsIndex } from '@/lib/collector/snapshot-indexes';
import { clusterState } from '../../helpers/cluster-state-builder';

const snapshotOf = () => clusterState().snapshot!;

describe('leaderSizeIndex', () => {
  it('keeps the size of the leader replica only', () => {
    const snapshot = snapshotOf();
    snapshot.replicaSizes.push({ topic: 'orders', partition: 0, broker: 2, logDir: '/d', sizeBytes: 1, offsetLag: 0 });
    expect([...leaderSizeIndex(snapshot)]).toEqual([['orders\u00000', 4096]]);
  });

  it('is built once per snapshot: every caller gets the same map', () => {
    const snapshot = snapshotOf();
    expect(leaderSizeIndex(snapshot)).toBe(leaderSizeIndex(snapshot));
  });

  it('is built again for the next snapshot', () => {
    const first = snapshotOf();
    const next = { ...first, replicaSizes: [{ ...first.replicaSizes[0], sizeBytes: 8192 }] };
    expect(leaderSizeIndex(first).get('orders\u00000')).toBe(4096);
    expect(leaderSizeIndex(next).get('orders\u00000')).toBe(8192);
  });
});

describe('offsetsIndex', () => {
  it('finds each partition by key, the same map for the same snapshot', () => {
    const snapshot = snapshotOf();
    expect(offsetsIndex(snapshot).get('orders\u00000')?.highWatermark).toBe(100);
    expect(offsetsIndex(snapshot)).toBe(offsetsIndex(snapshot));
    expect(offsetsIndex({ ...snapshot })).not.toBe(offsetsIndex(snapshot));
  });
});
