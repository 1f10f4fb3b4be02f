import { describe, expect, it } from 'vitest';
import { categorySummary, seriesSummary } from '@/components/charts/chart-summary';

const plain = (v: number) => String(v);

describe('seriesSummary', () => {
  it('gives each series its latest, lowest and highest value, gaps left out', () => {
    expect(seriesSummary([{ label: 'Lag', values: [5, null, 12, 3, null], format: plain }])).toBe(
      'Lag: latest 3, lowest 3, highest 12.',
    );
  });

  it('formats the values with the series formatter', () => {
    expect(seriesSummary([{ label: 'Rate', values: [1500], format: (v) => `${v / 1000}k msg/s` }])).toBe(
      'Rate: latest 1.5k msg/s, lowest 1.5k msg/s, highest 1.5k msg/s.',
    );
  });

  it('says when a series has no values in the range', () => {
    expect(
      seriesSummary([
        { label: 'Lag', values: [0], format: plain },
        { label: 'Consumer rate', values: [null, null], format: plain },
      ]),
    ).toBe('Lag: latest 0, lowest 0, highest 0. Consumer rate: no values in this range.');
  });
});

describe('categorySummary', () => {
  it('lists each category with its value, unknown ones named so', () => {
    expect(
      categorySummary(
        'Leaders per broker',
        [
          { name: 'broker 1', value: 12 },
          { name: 'broker 2', value: null },
        ],
        plain,
      ),
    ).toBe('Leaders per broker: broker 1 12, broker 2 unknown.');
  });

  it('says none for no categories', () => {
    expect(categorySummary('Bytes per broker', [], plain)).toBe('Bytes per broker: none.');
  });
});
