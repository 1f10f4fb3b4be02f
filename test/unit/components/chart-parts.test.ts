import { describe, expect, it } from 'vitest';
import { timeAxisProps, tooltipValue } from '@/components/charts/chart-parts';

describe('timeAxisProps', () => {
  it('spans the window on the data time with round ticks for its span', () => {
    const from = Date.UTC(2026, 0, 1, 12, 1);
    const props = timeAxisProps({ fromMs: from, toMs: from + 15 * 60_000 });
    expect(props).toMatchObject({ dataKey: 't', type: 'number', domain: [from, from + 15 * 60_000] });
    expect(props.ticks).toHaveLength(5);
  });
});

describe('tooltipValue', () => {
  const format = tooltipValue((value, name) => `${value} ${name === 'Lag' ? 'msg' : 'msg/s'}`);

  it('formats a number by its series name and keeps the name', () => {
    expect(format(12, 'Lag')).toEqual(['12 msg', 'Lag']);
    expect(format(3, 'Producer rate')).toEqual(['3 msg/s', 'Producer rate']);
  });

  it('shows a gap as a dash', () => {
    expect(format(undefined, 'Lag')).toEqual(['–', 'Lag']);
  });
});
