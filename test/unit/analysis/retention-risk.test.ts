import { describe, expect, it } from 'vitest';
import {
  bytesBehind,
  lossHorizonSeconds,
  atRisk,
  lossInSight,
  lostMessages,
  retentionLimits,
  retentionRisk,
  secondsUntilSizeRetention,
  secondsUntilTimeRetention,
  topicRetentionUsage,
  type RetentionLimits,
  type RetentionRiskInput,
} from '@/lib/analysis/retention-risk';

const HOUR_MS = 3_600_000;
const NO_LIMITS: RetentionLimits = { retentionMs: null, retentionBytes: null, cleanupPolicy: 'delete' };

function limits(overrides: Partial<RetentionLimits>): RetentionLimits {
  return { ...NO_LIMITS, ...overrides };
}

/**
 * A partition of offsets 1000–11000 holding 1 MB (100 bytes per message), a group
 * committed at 6000 (5000 behind, 500 kB), a time lag of 1800 s, writes at 2000 B/s
 * and reads at 1000 B/s, with no limits unless overridden.
 */
function input(overrides: Partial<RetentionRiskInput>): RetentionRiskInput {
  return {
    committedOffset: 6000,
    logStartOffset: 1000,
    highWatermark: 11_000,
    timeLagSeconds: 1800,
    sizeBytes: 1_000_000,
    produceBytesRate: 2000,
    consumeBytesRate: 1000,
    limits: NO_LIMITS,
    ...overrides,
  };
}

describe('retentionLimits', () => {
  it('parses retention.ms and retention.bytes for a delete policy', () => {
    const configs = { 'cleanup.policy': 'delete', 'retention.ms': '604800000', 'retention.bytes': '1073741824' };
    expect(retentionLimits(configs)).toEqual({
      retentionMs: 604_800_000,
      retentionBytes: 1_073_741_824,
      cleanupPolicy: 'delete',
    });
  });

  it('reads -1 as no limit', () => {
    const configs = { 'cleanup.policy': 'delete', 'retention.ms': '-1', 'retention.bytes': '-1' };
    expect(retentionLimits(configs)).toEqual({ retentionMs: null, retentionBytes: null, cleanupPolicy: 'delete' });
  });

  it('has no limits for a compact-only topic, whatever retention.ms says', () => {
    const configs = { 'cleanup.policy': 'compact', 'retention.ms': '3600000', 'retention.bytes': '1000' };
    expect(retentionLimits(configs)).toEqual({ retentionMs: null, retentionBytes: null, cleanupPolicy: 'compact' });
  });

  it('keeps the limits of a compact,delete topic', () => {
    const configs = { 'cleanup.policy': 'compact, delete', 'retention.ms': '3600000', 'retention.bytes': '-1' };
    expect(retentionLimits(configs)).toMatchObject({ retentionMs: 3_600_000, retentionBytes: null });
  });

  it('takes a missing policy as delete and missing or unparsable values as no limit', () => {
    expect(retentionLimits({ 'retention.ms': '1000', 'retention.bytes': null })).toEqual({
      retentionMs: 1000,
      retentionBytes: null,
      cleanupPolicy: null,
    });
    expect(retentionLimits({ 'retention.ms': 'soon', 'retention.bytes': '' })).toMatchObject({
      retentionMs: null,
      retentionBytes: null,
    });
  });
});

describe('lostMessages', () => {
  it('counts the messages deleted below the committed offset', () => {
    expect(lostMessages(400, 1000)).toBe(600);
  });

  it('is 0 when the committed offset is still retained', () => {
    expect(lostMessages(1000, 1000)).toBe(0);
    expect(lostMessages(5000, 1000)).toBe(0);
  });
});

describe('secondsUntilTimeRetention', () => {
  it('subtracts the time lag from the retention', () => {
    expect(secondsUntilTimeRetention(HOUR_MS, 600)).toBe(3000);
  });

  it('is 0, never negative, once the time lag exceeds the retention', () => {
    expect(secondsUntilTimeRetention(HOUR_MS, 4000)).toBe(0);
  });
});

describe('bytesBehind', () => {
  it('multiplies the lag by the average message size', () => {
    expect(bytesBehind(5000, 1_000_000, 1000, 11_000)).toBe(500_000);
  });

  it('is 0 for an empty partition or no lag', () => {
    expect(bytesBehind(5000, 0, 11_000, 11_000)).toBe(0);
    expect(bytesBehind(0, 1_000_000, 1000, 11_000)).toBe(0);
  });
});

describe('secondsUntilSizeRetention', () => {
  it('divides the headroom by how much faster bytes arrive than they are read', () => {
    expect(secondsUntilSizeRetention(1_500_000, 500_000, 2000, 1000)).toBe(1000);
  });

  it('is 0 when the unread bytes already exceed the limit', () => {
    expect(secondsUntilSizeRetention(400_000, 500_000, 2000, 1000)).toBe(0);
  });

  it('is null when the consumer keeps up or outpaces the producer', () => {
    expect(secondsUntilSizeRetention(1_500_000, 500_000, 1000, 1000)).toBeNull();
    expect(secondsUntilSizeRetention(1_500_000, 500_000, 1000, 3000)).toBeNull();
  });

  it('is null when a rate is unknown', () => {
    expect(secondsUntilSizeRetention(1_500_000, 500_000, null, 1000)).toBeNull();
    expect(secondsUntilSizeRetention(1_500_000, 500_000, 2000, null)).toBeNull();
  });
});

describe('retentionRisk', () => {
  const none = { lostMessages: 0, secondsUntilLoss: null, limitedBy: null };

  it('knows nothing without a committed offset', () => {
    expect(retentionRisk(input({ committedOffset: null, limits: limits({ retentionMs: HOUR_MS }) }))).toEqual(none);
  });

  it('cannot lose anything on a compact-only topic', () => {
    const compact = retentionLimits({ 'cleanup.policy': 'compact', 'retention.ms': '1000' });
    expect(retentionRisk(input({ limits: compact }))).toEqual(none);
  });

  it('cannot lose anything with infinite retention', () => {
    const infinite = retentionLimits({ 'cleanup.policy': 'delete', 'retention.ms': '-1', 'retention.bytes': '-1' });
    expect(retentionRisk(input({ limits: infinite }))).toEqual(none);
  });

  it('is limited by time when only retention.ms is set', () => {
    expect(retentionRisk(input({ limits: limits({ retentionMs: HOUR_MS }) }))).toEqual({
      lostMessages: 0,
      secondsUntilLoss: 1800,
      limitedBy: 'time',
    });
  });

  it('is limited by size when only retention.bytes is set', () => {
    // (1 500 000 − 500 000) B / (2000 − 1000) B/s
    expect(retentionRisk(input({ limits: limits({ retentionBytes: 1_500_000 }) }))).toEqual({
      lostMessages: 0,
      secondsUntilLoss: 1000,
      limitedBy: 'size',
    });
  });

  it('takes the smaller bound when both limits are set, saying which one drives it (time on a tie)', () => {
    const both = (retentionBytes: number) => input({ limits: limits({ retentionMs: HOUR_MS, retentionBytes }) });
    expect(retentionRisk(both(1_500_000))).toMatchObject({ secondsUntilLoss: 1000, limitedBy: 'size' });
    expect(retentionRisk(both(5_500_000))).toMatchObject({ secondsUntilLoss: 1800, limitedBy: 'time' });
    expect(retentionRisk(both(2_300_000))).toMatchObject({ secondsUntilLoss: 1800, limitedBy: 'time' });
  });

  it('falls back to the size bound when the time lag is unknown', () => {
    const both = limits({ retentionMs: HOUR_MS, retentionBytes: 5_500_000 });
    expect(retentionRisk(input({ timeLagSeconds: null, limits: both }))).toMatchObject({
      secondsUntilLoss: 5000,
      limitedBy: 'size',
    });
  });

  it('has no size bound when the consumer reads faster than the producer writes', () => {
    const sizeOnly = limits({ retentionBytes: 1_500_000 });
    expect(retentionRisk(input({ produceBytesRate: 500, limits: sizeOnly }))).toEqual(none);
  });

  it('reports messages already lost, with no time left', () => {
    const both = limits({ retentionMs: HOUR_MS, retentionBytes: 1_500_000 });
    expect(retentionRisk(input({ committedOffset: 400, limits: both }))).toEqual({
      lostMessages: 600,
      secondsUntilLoss: 0,
      limitedBy: 'time',
    });
    expect(retentionRisk(input({ committedOffset: 400, limits: limits({ retentionBytes: 10 }) }))).toMatchObject({
      limitedBy: 'size',
    });
    expect(retentionRisk(input({ committedOffset: 400 }))).toMatchObject({ lostMessages: 600, limitedBy: null });
  });

  it('cannot lose anything once the consumer has no lag', () => {
    const tight = limits({ retentionMs: 1000, retentionBytes: 10 });
    expect(retentionRisk(input({ committedOffset: 11_000, timeLagSeconds: 0, limits: tight }))).toEqual(none);
  });
});

describe('topicRetentionUsage', () => {
  it('gives the oldest message age and the largest partition as fractions of the limits', () => {
    const usage = topicRetentionUsage({
      oldestMessageAgeSeconds: 1800,
      maxPartitionSizeBytes: 3_000_000,
      limits: limits({ retentionMs: HOUR_MS, retentionBytes: 2_000_000 }),
    });
    expect(usage).toEqual({ age: 0.5, size: 1.5 });
  });

  it('is null where the limit or the measure is missing', () => {
    expect(
      topicRetentionUsage({ oldestMessageAgeSeconds: 1800, maxPartitionSizeBytes: null, limits: NO_LIMITS }),
    ).toEqual({ age: null, size: null });
    expect(
      topicRetentionUsage({
        oldestMessageAgeSeconds: null,
        maxPartitionSizeBytes: 10,
        limits: limits({ retentionMs: HOUR_MS, retentionBytes: 0 }),
      }),
    ).toEqual({ age: null, size: null });
  });
});

describe('lossHorizonSeconds', () => {
  const DAY = 24 * 3600;

  it('is three quarters of retention.ms: once the unread data has used a quarter of it', () => {
    expect(lossHorizonSeconds(7 * DAY * 1000)).toBe(5.25 * DAY);
    expect(lossHorizonSeconds(3600 * 1000)).toBe(45 * 60);
  });

  it('is a day without a time limit', () => {
    expect(lossHorizonSeconds(null)).toBe(DAY);
  });
});

describe('lossInSight', () => {
  const DAY = 24 * 3600;
  const sevenDaysMs = 7 * DAY * 1000;
  const oneHourMs = 3600 * 1000;

  it('leaves out a group seconds behind: ~6d 23h on a 7-day topic, ~59m on a 1-hour one', () => {
    expect(lossInSight(7 * DAY - 12, sevenDaysMs)).toBe(false);
    expect(lossInSight(3600 - 12, oneHourMs)).toBe(false);
  });

  it('shows a loss once the unread data has used a quarter of retention.ms', () => {
    expect(lossInSight(5.25 * DAY - 1, sevenDaysMs)).toBe(true);
    expect(lossInSight(5.25 * DAY, sevenDaysMs)).toBe(false);
    expect(lossInSight(44 * 60, oneHourMs)).toBe(true);
  });

  it('compares a size bound the same way', () => {
    expect(lossInSight(2 * 3600, sevenDaysMs)).toBe(true);
  });

  it('shows a loss within a day when there is no time limit', () => {
    expect(lossInSight(DAY - 1, null)).toBe(true);
    expect(lossInSight(DAY, null)).toBe(false);
  });

  it('shows a loss that is due now, even with retention.ms 0', () => {
    expect(lossInSight(0, sevenDaysMs)).toBe(true);
    expect(lossInSight(0, 0)).toBe(true);
  });

  it('is false when no loss is possible', () => {
    expect(lossInSight(null, sevenDaysMs)).toBe(false);
  });
});

describe('atRisk', () => {
  it('counts a group that lost messages', () => {
    expect(atRisk(5, null, false)).toBe(true);
  });

  it('counts a loss in sight under an hour away, not one the countdown would not show', () => {
    expect(atRisk(0, 30 * 60, true)).toBe(true);
    // A group seconds behind on a 1-hour topic: 59 minutes away, not in sight, not at risk.
    expect(atRisk(0, 59 * 60, lossInSight(59 * 60, 3_600_000))).toBe(false);
    expect(atRisk(0, 2 * 3600, true)).toBe(false);
    expect(atRisk(0, null, false)).toBe(false);
  });
});
