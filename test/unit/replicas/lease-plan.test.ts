/** How a replica decides which cluster leases to renew, give up and take. */
import { describe, expect, it } from 'vitest';
import { planLeases, preferenceOrder } from '@/lib/replicas/lease-plan';

const clusters = ['a', 'b', 'c', 'd', 'e'];

describe('the lease plan', () => {
  it('aims at ceil(clusters / replicas), trying free clusters in the replica’s own order', () => {
    const plan = planLeases({ replica: 'r1', clusters, held: new Set(['a']), liveReplicas: 2 });
    expect(plan.fairShare).toBe(3);
    expect(plan.renew).toEqual(['a']);
    expect(plan.release).toEqual([]);
    expect(plan.tryToTake).toEqual(preferenceOrder('r1', clusters).filter((c) => c !== 'a'));
  });

  it('gives up what it holds beyond its share while others are alive, keeping its preferred ones', () => {
    const plan = planLeases({ replica: 'r1', clusters, held: new Set(clusters), liveReplicas: 3 });
    expect(plan.fairShare).toBe(2);
    expect(plan.renew).toEqual(preferenceOrder('r1', clusters).slice(0, 2));
    expect(plan.release).toEqual(preferenceOrder('r1', clusters).slice(2));
    expect(plan.tryToTake).toEqual([]);
  });

  it('keeps and takes everything when it is the only replica alive', () => {
    const plan = planLeases({ replica: 'r1', clusters, held: new Set(['c']), liveReplicas: 1 });
    expect(plan).toMatchObject({ fairShare: 5, renew: ['c'], release: [] });
    expect(plan.tryToTake.sort()).toEqual(['a', 'b', 'd', 'e']);
  });

  it('orders clusters differently for different replicas, the same way every time', () => {
    const many = Array.from({ length: 20 }, (_, i) => `cluster-${i}`);
    expect(preferenceOrder('r1', many)).toEqual(preferenceOrder('r1', many));
    expect(preferenceOrder('r1', many)).not.toEqual(preferenceOrder('r2', many));
    expect([...preferenceOrder('r2', many)].sort()).toEqual([...many].sort());
  });
});
