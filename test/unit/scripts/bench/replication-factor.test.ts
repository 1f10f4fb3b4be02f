import { describe, expect, it } from 'vitest';
import { replicationFactorFor } from '../../../../scripts/bench/plan';

describe('replicationFactorFor', () => {
  it('gives as many replicas as live brokers, up to 3', () => {
    expect(replicationFactorFor(1, null)).toBe(1);
    expect(replicationFactorFor(2, null)).toBe(2);
    expect(replicationFactorFor(3, null)).toBe(3);
    expect(replicationFactorFor(6, null)).toBe(3);
  });

  it('takes the requested factor when the cluster can hold it, above 3 too', () => {
    expect(replicationFactorFor(6, 1)).toBe(1);
    expect(replicationFactorFor(6, 5)).toBe(5);
  });

  it('refuses a factor above the live brokers, which Kafka would refuse for every topic', () => {
    expect(() => replicationFactorFor(2, 3)).toThrow('--replication-factor=3 needs 3 live brokers, the cluster has 2');
  });

  it('refuses a cluster without a live broker', () => {
    expect(() => replicationFactorFor(0, null)).toThrow('no live broker');
  });
});
