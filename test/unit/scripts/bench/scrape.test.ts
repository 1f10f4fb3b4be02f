import { describe, expect, it } from 'vitest';
import { countSeries, sampleSum } from '../../../../scripts/bench/peers/scrape';

const text = [
  '# HELP watermark_collector_requests_total Kafka requests.',
  '# TYPE watermark_collector_requests_total counter',
  'watermark_collector_requests_total{cluster_name="a"} 120',
  'watermark_collector_requests_total{cluster_name="b c} d"} 30 1700000000000',
  'watermark_collector_requests_total_extra 5',
  'go_goroutines 42',
  '',
].join('\n');

describe('countSeries', () => {
  it('counts sample lines, leaving out comments and blank lines', () => {
    expect(countSeries(text)).toBe(4);
  });
});

describe('sampleSum', () => {
  it('adds the samples of every label set of one name, ignoring timestamps and longer names', () => {
    expect(sampleSum(text, 'watermark_collector_requests_total')).toBe(150);
  });

  it('reads a sample without labels', () => {
    expect(sampleSum(text, 'go_goroutines')).toBe(42);
  });

  it('is null when the name has no sample', () => {
    expect(sampleSum(text, 'watermark_collector_cycles_total')).toBeNull();
  });
});
