import { describe, expect, it } from 'vitest';
import { configValueReading } from '@/lib/format/config-wording';

describe('configValueReading', () => {
  it('reads milliseconds and bytes named in the config as durations and sizes', () => {
    expect(configValueReading('retention.ms', '604800000')).toBe('7d');
    expect(configValueReading('segment.ms', '3600000')).toBe('1h');
    expect(configValueReading('segment.bytes', '1073741824')).toBe('1.07 GB');
  });

  it('says "no limit" for -1 retention and for Java’s Long.MAX_VALUE', () => {
    expect(configValueReading('retention.ms', '-1')).toBe('no limit');
    expect(configValueReading('retention.bytes', '-1')).toBe('no limit');
    expect(configValueReading('max.compaction.lag.ms', '9223372036854775807')).toBe('no limit');
  });

  it('adds nothing where the raw value already reads plainly', () => {
    expect(configValueReading('cleanup.policy', 'compact')).toBeNull();
    expect(configValueReading('min.insync.replicas', '2')).toBeNull();
    expect(configValueReading('segment.jitter.ms', '0')).toBeNull();
    expect(configValueReading('file.delete.delay.ms', '500')).toBeNull();
    expect(configValueReading('local.retention.ms', '-2')).toBeNull();
    expect(configValueReading('retention.ms', null)).toBeNull();
  });
});
