import { describe, expect, it } from 'vitest';
import { freshness } from '@/lib/api/views/freshness';
import type { ClusterState } from '@/lib/collector/snapshot';

const state = (collectedAt: number, error: string | null = null) =>
  ({ pollIntervalMs: 10_000, error, snapshot: { collectedAt } }) as unknown as ClusterState;

describe('freshness', () => {
  it('is fresh within three poll intervals of the last cycle', () => {
    expect(freshness(state(100_000), 130_000)).toEqual({ collectedAt: 100_000, stale: false });
  });

  it('is stale when the last attempt failed, with its error', () => {
    expect(freshness(state(100_000, 'cluster unreachable'), 101_000)).toMatchObject({
      stale: true,
      error: 'cluster unreachable',
    });
  });

  it('is stale when no cycle finished for more than three poll intervals (a cycle stuck on a hung broker)', () => {
    expect(freshness(state(100_000), 131_000)).toEqual({
      collectedAt: 100_000,
      stale: true,
      error: 'no collection cycle finished for 31 s',
    });
  });
});
