import { describe, expect, it } from 'vitest';
import { existingPlan } from '../../../../scripts/bench/plan';
import { parsePeerOptions } from '../../../../scripts/bench/peers/peer-options';

describe('existingPlan (bench:peers --existing)', () => {
  it("finds the one run's topics and groups in index order, and nothing else", () => {
    const topics = new Map([
      ['bench.abc-1.t10', 20],
      ['bench.abc-1.t2', 20],
      ['bench.abc-1.t0', 5],
      ['orders', 3],
      ['bench.abc-1.tail', 1],
    ]);
    const plan = existingPlan(topics, ['bench.abc-1.g10', 'payments', 'bench.abc-1.g1', 'bench.other.g0']);
    expect(plan.prefix).toBe('bench.abc-1.');
    expect(plan.topics).toEqual([
      { name: 'bench.abc-1.t0', partitions: 5 },
      { name: 'bench.abc-1.t2', partitions: 20 },
      { name: 'bench.abc-1.t10', partitions: 20 },
    ]);
    expect(plan.groups.map((g) => g.groupId)).toEqual(['bench.abc-1.g1', 'bench.abc-1.g10']);
  });

  it('refuses a cluster without bench topics, or with two runs of them', () => {
    expect(() => existingPlan(new Map([['orders', 3]]), [])).toThrow(/no bench topics.*--keep/);
    const two = new Map([
      ['bench.a.t0', 1],
      ['bench.b.t0', 1],
    ]);
    expect(() => existingPlan(two, [])).toThrow('bench topics of 2 runs on the cluster (bench.a., bench.b.)');
  });

  it('is asked for with --existing', () => {
    expect(parsePeerOptions([], {}).existing).toBe(false);
    expect(parsePeerOptions(['--existing'], {}).existing).toBe(true);
  });
});
