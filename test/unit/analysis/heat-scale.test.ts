import { describe, expect, it } from 'vitest';
import { HEAT_FLOOR, heatLegendValues, heatShade } from '@/lib/analysis/heat-scale';

describe('heatShade', () => {
  it('shades 50 replicas darker than 1 on the same map, wherever they are', () => {
    expect(heatShade(50, 50)).toBe(1);
    expect(heatShade(1, 50)).toBeCloseTo(HEAT_FLOOR + (1 - HEAT_FLOOR) / 50);
    expect(heatShade(1, 50)).toBeLessThan(0.15);
  });

  it('is linear in the value between the floor and the largest cell', () => {
    expect(heatShade(25, 50)).toBeCloseTo(HEAT_FLOOR + (1 - HEAT_FLOOR) / 2);
  });

  it('leaves an empty cell blank and gives any non-empty cell at least the floor', () => {
    expect(heatShade(0, 50)).toBe(0);
    expect(heatShade(1, 1e12)).toBeGreaterThanOrEqual(HEAT_FLOOR);
  });

  it('gives 0 on a map with nothing in it, and never more than 1', () => {
    expect(heatShade(5, 0)).toBe(0);
    expect(heatShade(80, 50)).toBe(1);
  });
});

describe('heatLegendValues', () => {
  it('shows 0, the quarters and the largest value for bytes', () => {
    expect(heatLegendValues(4000, false)).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it('rounds counts, starts them at 1 and does not repeat one', () => {
    expect(heatLegendValues(50, true)).toEqual([0, 1, 13, 25, 38, 50]);
    expect(heatLegendValues(3, true)).toEqual([0, 1, 2, 3]);
    expect(heatLegendValues(1, true)).toEqual([0, 1]);
  });

  it('shows only 0 for an empty map', () => {
    expect(heatLegendValues(0, true)).toEqual([0]);
  });
});
