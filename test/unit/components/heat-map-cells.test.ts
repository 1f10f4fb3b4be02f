import { describe, expect, it } from 'vitest';
import { heatCellValues, unknownBytesReason } from '@/components/ui/heat-map-cells';

const up = (id: number) => ({ id, reachable: true, sizeBytes: 1000, sizeError: null });
const down = (id: number) => ({ id, reachable: false, sizeBytes: null, sizeError: null });
const row = { replicas: { 1: 2, 3: 1 }, sizeBytes: { 1: 500 } };

describe('heatCellValues', () => {
  it('gives each broker its replicas of the topic, 0 where it holds none', () => {
    expect(heatCellValues(row, [up(1), up(2), up(3)], 'replicas')).toEqual([2, 0, 1]);
  });

  it('keeps a down broker’s assigned replicas in the replicas view', () => {
    expect(heatCellValues(row, [up(1), up(2), down(3)], 'replicas')).toEqual([2, 0, 1]);
  });

  it('gives bytes unknown (null), not 0, for a broker that did not describe its log dirs', () => {
    expect(heatCellValues(row, [up(1), up(2), down(3)], 'bytes')).toEqual([500, 0, null]);
  });
});

describe('unknownBytesReason', () => {
  it('says the broker is down, or what was refused', () => {
    expect(unknownBytesReason(down(3))).toBe('unknown: broker 3 is down');
    expect(
      unknownBytesReason({
        id: 2,
        reachable: true,
        sizeBytes: null,
        sizeError: 'not authorised: needs Describe on Cluster',
      }),
    ).toBe('unknown: not authorised: needs Describe on Cluster');
  });
});
