import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, parseOptions } from '../../../scripts/workload/options';

describe('parseOptions', () => {
  it('uses the defaults and the given brokers when there are no flags', () => {
    expect(parseOptions([], ['x:1'], {})).toEqual({ ...DEFAULT_OPTIONS, brokers: ['x:1'] });
  });

  it('reads brokers from KAFKA_BROKERS', () => {
    expect(parseOptions([], ['x:1'], { KAFKA_BROKERS: 'a:1, b:2' }).brokers).toEqual(['a:1', 'b:2']);
  });

  it('accepts --flag=value and --flag value', () => {
    const options = parseOptions(['--orders-rate=7', '--payments-consume-rate', '3'], [], {});
    expect(options.ordersRate).toBe(7);
    expect(options.paymentsConsumeRate).toBe(3);
  });

  it('rejects unknown flags and non-numbers, naming them', () => {
    expect(() => parseOptions(['--nope=1'], [], {})).toThrow(/Unknown argument --nope=1/);
    expect(() => parseOptions(['--orders-rate=fast'], [], {})).toThrow(/--orders-rate needs a number/);
    expect(() => parseOptions(['--hot-key-share=2'], [], {})).toThrow(/fraction/);
  });
});
