/**
 * A replica following another's cycles: each new published cycle is shown once, with none of
 * its requests counted here; a wait that finds nothing new publishes and counts nothing;
 * closing the reader (a takeover) ends a wait at once. The published cycles are faked.
 */
import { describe, expect, it } from 'vitest';
import { startClusterLoop } from '@/lib/collector/cluster-loop';
import type { CycleRead } from '@/lib/collector/cycle-reader';
import { ClusterStateStore } from '@/lib/collector/state-store';
import { followerCycleReader, type LatestCycles, type PublishedCycle } from '@/lib/replicas/latest-cycles';
import { clusterState } from '../../helpers/cluster-state-builder';

/** Published cycles, newest last, as LatestCycles.newerThan answers for them. */
function published(): { latest: LatestCycles; publish(read: CycleRead): void; asked: number } {
  const cycles: PublishedCycle[] = [];
  const fake = {
    asked: 0,
    publish: (read: CycleRead) => cycles.push({ seq: cycles.length + 1, at: Date.now(), read }),
    latest: {
      newerThan: (_cluster: string, afterSeq: number) => {
        fake.asked++;
        const newest = cycles.at(-1);
        return newest && newest.seq > afterSeq ? newest : null;
      },
    } as unknown as LatestCycles,
  };
  return fake;
}

function cycleAt(collectedAt: number): CycleRead {
  const snapshot = { ...clusterState().snapshot!, collectedAt };
  return {
    snapshot,
    analysis: null,
    error: null,
    errorKind: null,
    analysisError: null,
    aggregates: null,
    groupConditions: null,
    changes: null,
    requestCount: 12,
  };
}

describe('followerCycleReader', () => {
  it('gives each published cycle once, with no requests of its own, and says when nothing is new', async () => {
    const cycles = published();
    const reader = followerCycleReader(cycles.latest, 'c', { checkMs: 5, waitMs: 30 });
    expect(await reader.read()).toMatchObject({ repeat: true, snapshot: null, requestCount: 0 });
    cycles.publish(cycleAt(1000));
    expect(await reader.read()).toMatchObject({ snapshot: { collectedAt: 1000 }, requestCount: 0 });
    expect((await reader.read()).repeat).toBe(true);
    cycles.publish(cycleAt(2000));
    expect(await reader.read()).toMatchObject({ snapshot: { collectedAt: 2000 } });
    expect(reader.lastSeq()).toBe(2);
  });

  it('ends a wait at once when closed (the replica takes the cluster over)', async () => {
    const cycles = published();
    const reader = followerCycleReader(cycles.latest, 'c', { checkMs: 10_000, waitMs: 60_000 });
    const startedAt = performance.now();
    const reading = reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await reader.close();
    expect(await reading).toMatchObject({ repeat: true });
    expect(performance.now() - startedAt).toBeLessThan(1000);
  });

  it('in a cluster loop: publishes each new cycle, and neither publishes, records nor counts a wait with nothing new', async () => {
    const cycles = published();
    const store = new ClusterStateStore();
    store.register('c', 'c', 20);
    const onCycle: number[] = [];
    const loop = startClusterLoop({
      clusterId: 'c',
      store,
      pollIntervalMs: 20,
      reader: followerCycleReader(cycles.latest, 'c', { checkMs: 5, waitMs: 20 }),
      onCycle: ({ snapshot }) => void onCycle.push(snapshot!.collectedAt),
    });
    // Several empty waits: nothing published yet.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(store.get('c')!.snapshot).toBeNull();
    expect(loop.stats().cycles).toBe(0);
    cycles.publish(cycleAt(1000));
    await loop.nextCycle();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await loop.stop();
    expect(store.get('c')!.snapshot?.collectedAt).toBe(1000);
    expect(onCycle).toEqual([1000]);
    expect(loop.stats()).toMatchObject({ cycles: 1, requests: 0 });
    expect(cycles.asked).toBeGreaterThan(4);
  });

  it('says the database cannot be read, not that Kafka or the collector failed, and keeps the last cycle shown', async () => {
    const cycles = published();
    let readable = true;
    const newerThan = cycles.latest.newerThan.bind(cycles.latest);
    cycles.latest.newerThan = (cluster: string, afterSeq: number) => {
      if (!readable) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      return newerThan(cluster, afterSeq);
    };
    const store = new ClusterStateStore();
    store.register('c', 'c', 20);
    const loop = startClusterLoop({
      clusterId: 'c',
      store,
      pollIntervalMs: 20,
      reader: followerCycleReader(cycles.latest, 'c', { checkMs: 5, waitMs: 20 }),
    });
    cycles.publish(cycleAt(1000));
    await loop.nextCycle();
    readable = false;
    await loop.nextCycle();
    const failed = store.get('c')!;
    expect(failed).toMatchObject({ errorKind: 'store-unreadable', snapshot: { collectedAt: 1000 } });
    expect(failed.error).toContain('ECONNREFUSED');
    readable = true;
    cycles.publish(cycleAt(2000));
    await loop.nextCycle();
    await loop.stop();
    expect(store.get('c')).toMatchObject({ error: null, errorKind: null, snapshot: { collectedAt: 2000 } });
  });
});
