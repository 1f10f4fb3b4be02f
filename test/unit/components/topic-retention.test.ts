import { describe, expect, it } from 'vitest';
import {
  formatRetentionBytes,
  formatRetentionMs,
  isCompacted,
  isCompactionOnly,
  retentionUsageFraction,
  topicRetention,
  usageTone,
} from '@/components/ui/topic-retention';
import type { PartitionView } from '@/lib/api/schemas';

function partition(sizeBytes: number | null): PartitionView {
  return {
    partition: 0,
    leader: 1,
    replicas: [1],
    isr: [1],
    offlineReplicas: [],
    logStartOffset: 0,
    highWatermark: 10,
    lastStableOffset: null,
    sizeBytes,
    produceRate: null,
    bytesInRate: null,
    oldestMessageAgeSeconds: null,
    hot: false,
    error: null,
  };
}

type Input = Parameters<typeof topicRetention>[0];
const input = (overrides: Partial<Input> = {}): Input => ({
  configs: { 'cleanup.policy': 'delete', 'retention.ms': '604800000', 'retention.bytes': '1000000000' },
  oldestMessageAgeSeconds: 3 * 86_400,
  retentionUsage: { age: 3 / 7, size: 0.9 },
  partitions: [partition(900_000_000), partition(5_000)],
  ...overrides,
});

describe('formatRetentionMs', () => {
  it('says durations the short way, -1 as ∞ and unknown as a dash', () => {
    expect(formatRetentionMs(604_800_000)).toBe('7d');
    expect(formatRetentionMs(129_600_000)).toBe('1d 12h');
    expect(formatRetentionMs(500)).toBe('500 ms');
    expect(formatRetentionMs(-1)).toBe('∞');
    expect(formatRetentionMs(null)).toBe('–');
  });
});

describe('formatRetentionBytes', () => {
  it('says sizes in decimal units, -1 as ∞ and unknown as a dash', () => {
    expect(formatRetentionBytes(1_000_000_000)).toBe('1 GB');
    expect(formatRetentionBytes(-1)).toBe('∞');
    expect(formatRetentionBytes(null)).toBe('–');
  });
});

describe('usageTone', () => {
  it('warns from 80% and errs from 100%', () => {
    expect([0.79, 0.8, 0.99, 1, 2.5].map(usageTone)).toEqual(['ok', 'warn', 'warn', 'err', 'err']);
    expect(usageTone(null)).toBeNull();
  });
});

describe('retentionUsageFraction', () => {
  it('is the larger of age and size, or whichever is known', () => {
    expect(retentionUsageFraction({ age: 0.2, size: 0.5 })).toBe(0.5);
    expect(retentionUsageFraction({ age: 0.2, size: null })).toBe(0.2);
    expect(retentionUsageFraction({ age: null, size: null })).toBeNull();
  });
});

describe('isCompactionOnly', () => {
  it('is true only for a policy without delete', () => {
    expect(isCompactionOnly('compact')).toBe(true);
    expect(isCompactionOnly('compact,delete')).toBe(false);
    expect(isCompactionOnly('delete')).toBe(false);
    expect(isCompactionOnly(null)).toBe(false);
  });
});

describe('topicRetention', () => {
  it('measures the oldest message against retention.ms and the largest partition against retention.bytes', () => {
    expect(topicRetention(input())).toEqual({
      compactionOnly: false,
      time: { kind: 'gauge', used: '3d', limit: '7d', fraction: 3 / 7, tone: 'ok' },
      size: { kind: 'gauge', used: '900 MB', limit: '1 GB', fraction: 0.9, tone: 'warn' },
    });
  });

  it('says there is no limit for -1 instead of a gauge', () => {
    const retention = topicRetention(input({ configs: { 'retention.ms': '-1', 'retention.bytes': '-1' } }));
    expect(retention.time).toEqual({ kind: 'none', text: expect.stringContaining('No time limit (retention.ms=-1)') });
    expect(retention.size).toEqual({
      kind: 'none',
      text: expect.stringContaining('No size limit (retention.bytes=-1)'),
    });
  });

  it('says compaction only plainly, whatever retention.ms says', () => {
    const retention = topicRetention(input({ configs: { 'cleanup.policy': 'compact', 'retention.ms': '1000' } }));
    expect(retention.compactionOnly).toBe(true);
    expect(retention.time).toEqual({ kind: 'none', text: expect.stringContaining('Compaction only') });
  });

  it('says when the configs were not read, and leaves an unknown age or size as null', () => {
    expect(topicRetention(input({ configs: {} })).time).toEqual({
      kind: 'none',
      text: 'retention.ms unknown: the topic configs were not read.',
    });
    const empty = topicRetention(input({ oldestMessageAgeSeconds: null, partitions: [partition(null)] }));
    expect(empty.time).toMatchObject({ kind: 'gauge', used: null });
    expect(empty.size).toMatchObject({ kind: 'gauge', used: null });
  });
});

describe('isCompacted', () => {
  it('is true when cleanup.policy includes compact, alone or with delete', () => {
    expect(isCompacted('compact')).toBe(true);
    expect(isCompacted('compact, delete')).toBe(true);
    expect(isCompacted('delete')).toBe(false);
    expect(isCompacted(null)).toBe(false);
  });
});
