/**
 * A cycle whose reader fails (the collector thread stopped) is Watermark's failure, and the
 * cluster's status says so rather than calling Kafka unreachable.
 */
import { describe, expect, it } from 'vitest';
import { startClusterLoop } from '@/lib/collector/cluster-loop';
import { ClusterStateStore } from '@/lib/collector/state-store';
import { headlineOf } from '@/lib/format/connection-failure-wording';

describe('a cycle whose reader fails', () => {
  it('is recorded as the collector failing, with the reader’s error', async () => {
    const store = new ClusterStateStore();
    store.register('c', 'c', 60_000);
    const seen: (string | null)[] = [];
    const loop = startClusterLoop({
      clusterId: 'c',
      store,
      pollIntervalMs: 60_000,
      reader: {
        read: () => Promise.reject(new Error('the collector thread stopped (exit code 1)')),
        recordAtOffset: () => Promise.reject(new Error('not asked in this test')),
        close: async () => {},
      },
      onCycle: ({ errorKind }) => {
        seen.push(errorKind);
      },
    });
    await loop.nextCycle();
    await loop.stop();
    const state = store.get('c')!;
    expect(state.errorKind).toBe('collector-failed');
    expect(state.error).toContain('the collector thread stopped (exit code 1)');
    expect(seen).toEqual(['collector-failed']);
    expect(headlineOf(state.errorKind)).toBe("Watermark's collector failed");
  });
});
