import { describe, expect, it } from 'vitest';
import { ClusterMemory, groupPartitionKey } from '@/lib/collector/cluster-memory';
import { partitionKey } from '@/lib/collector/partition-key';
import type { RawFrame } from '@/lib/history/raw-frames';

const options = { rateWindowMs: 60_000, offsetTablePoints: 720, statusWindowSize: 10, forgetAfterMs: 3_600_000 };

/** Partition t-0 at `end`; group g committed at `committed`, owned or not. */
function frame(t: number, end: number, committed: number, owned: boolean): RawFrame {
  return {
    t,
    partitions: [{ topic: 't', partition: 0, highWatermark: end }],
    commits: [{ groupId: 'g', topic: 't', partition: 0, committedOffset: committed, owned }],
  };
}

describe('ClusterMemory.replay', () => {
  it('remembers stored cycles as the cycles did: samples for rates, the offset table, the commit window with its lag', () => {
    const memory = new ClusterMemory(options);
    for (let i = 0; i < 5; i++) memory.replay(frame(i * 10_000, 100 + i * 10, 90 + i * 10, true));
    const partition = memory.partitions.get(partitionKey('t', 0))!;
    expect(partition.samples.map((s) => s.highWatermark)).toEqual([100, 110, 120, 130, 140]);
    expect(partition.offsetTable.points()).toEqual(
      [0, 1, 2, 3, 4].map((i) => ({ offset: 100 + i * 10, t: i * 10_000 })),
    );
    const commit = memory.commits.get(groupPartitionKey('g', 't', 0))!;
    expect(commit.window.map((o) => [o.offset, o.lag])).toEqual([0, 1, 2, 3, 4].map((i) => [90 + i * 10, 10]));
    // Replaying does not count produced messages: the total is reloaded from the cluster aggregate.
    expect(memory.producedTotal).toBe(0);
  });

  it('keeps whether a live member owned the partition: an unowned, unmoved commit is not a new observation', () => {
    const owned = new ClusterMemory(options);
    const unowned = new ClusterMemory(options);
    for (let i = 0; i < 3; i++) {
      owned.replay(frame(i * 10_000, 100 + i, 50, true));
      unowned.replay(frame(i * 10_000, 100 + i, 50, false));
    }
    expect(owned.commits.get(groupPartitionKey('g', 't', 0))!.window).toHaveLength(3);
    expect(unowned.commits.get(groupPartitionKey('g', 't', 0))!.window).toHaveLength(1);
  });

  it('skips a commit whose partition was not read in the same cycle', () => {
    const memory = new ClusterMemory(options);
    memory.replay({ ...frame(0, 100, 90, true), partitions: [] });
    expect(memory.commits.size).toBe(0);
  });
});
