import { describe, expect, it } from 'vitest';
import { brokerHeapOptions } from '../../../scripts/kafka/layout';

describe('brokerHeapOptions', () => {
  it('keeps the 512 MB heap when KAFKA_HEAP is not set', () => {
    expect(brokerHeapOptions({})).toEqual(['-Xms128m', '-Xmx512m']);
  });

  it('sets the maximum heap from KAFKA_HEAP', () => {
    expect(brokerHeapOptions({ KAFKA_HEAP: '2g' })).toEqual(['-Xms128m', '-Xmx2g']);
    expect(brokerHeapOptions({ KAFKA_HEAP: ' 1536M ' })).toEqual(['-Xms128m', '-Xmx1536m']);
  });

  it('refuses what is not a size in m or g', () => {
    expect(() => brokerHeapOptions({ KAFKA_HEAP: '2' })).toThrow('KAFKA_HEAP must be a size such as 512m or 2g');
    expect(() => brokerHeapOptions({ KAFKA_HEAP: '-Xmx2g' })).toThrow(/KAFKA_HEAP/);
  });
});
