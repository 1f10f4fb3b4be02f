import { describe, expect, it } from 'vitest';
import { hotPartitions } from '@/lib/analysis/hot-partitions';

describe('hotPartitions', () => {
  it('finds a partition above three times the mean of the others', () => {
    const rates = [0, 1, 2, 3].map((partition) => ({ partition, rate: partition === 2 ? 100 : 10 }));
    expect(hotPartitions(rates)).toEqual([2]);
  });

  it('can find a hot partition in a topic of two partitions', () => {
    expect(
      hotPartitions([
        { partition: 0, rate: 50 },
        { partition: 1, rate: 10 },
      ]),
    ).toEqual([0]);
  });

  it('finds nothing at exactly the factor', () => {
    expect(
      hotPartitions([
        { partition: 0, rate: 30 },
        { partition: 1, rate: 10 },
      ]),
    ).toEqual([]);
  });

  it('includes a partition exactly at minRate', () => {
    expect(
      hotPartitions([
        { partition: 0, rate: 1 },
        { partition: 1, rate: 0 },
      ]),
    ).toEqual([0]);
  });

  it('ignores partitions below minRate', () => {
    expect(
      hotPartitions([
        { partition: 0, rate: 0.5 },
        { partition: 1, rate: 0 },
      ]),
    ).toEqual([]);
    expect(
      hotPartitions(
        [
          { partition: 0, rate: 0.5 },
          { partition: 1, rate: 0 },
        ],
        { minRate: 0.1 },
      ),
    ).toEqual([0]);
  });

  it('uses the factor it is given', () => {
    const rates = [
      { partition: 0, rate: 25 },
      { partition: 1, rate: 10 },
    ];
    expect(hotPartitions(rates, { factor: 2 })).toEqual([0]);
  });

  it('needs two partitions with a known rate', () => {
    expect(hotPartitions([{ partition: 0, rate: 100 }])).toEqual([]);
    expect(
      hotPartitions([
        { partition: 0, rate: 100 },
        { partition: 1, rate: null },
      ]),
    ).toEqual([]);
  });

  it('lists hot partitions in ascending order', () => {
    const rates = [5, 0, 4, 1, 2, 3].map((partition) => ({ partition, rate: partition >= 4 ? 1000 : 1 }));
    expect(hotPartitions(rates)).toEqual([4, 5]);
  });
});
