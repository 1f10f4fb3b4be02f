import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '@/lib/format/format-timestamp';

const AT = Date.UTC(2026, 11, 2, 0, 15, 46);

describe('formatTimestamp', () => {
  it('writes date, time and zone, ISO-like, in UTC', () => {
    expect(formatTimestamp(AT, 'UTC')).toBe('2026-12-02 00:15:46 UTC');
  });

  it('gives the offset in other zones, so the text is exact wherever it is read', () => {
    expect(formatTimestamp(AT, 'Europe/Berlin')).toBe('2026-12-02 01:15:46 UTC+01:00');
    expect(formatTimestamp(AT, 'America/New_York')).toBe('2026-12-01 19:15:46 UTC-05:00');
    expect(formatTimestamp(AT, 'Asia/Kolkata')).toBe('2026-12-02 05:45:46 UTC+05:30');
  });

  it('leaves the seconds out when asked, and uses 00 for midnight (not 24)', () => {
    expect(formatTimestamp(Date.UTC(2026, 0, 1, 0, 0, 5), 'UTC', { seconds: false })).toBe('2026-01-01 00:00 UTC');
  });
});
