/**
 * The history under an irregular clock, against what was written: cycles mostly 10 s apart,
 * now and then an outage of 37 minutes or 5 hours, and a clock that steps back 30 s, for
 * 30,000 cycles (with seals, compactions and trimming on the way), then a restart.
 */
import { describe, expect, it } from 'vitest';
import { ClusterHistory, historyRetention } from '@/lib/history/cluster-history';
import { openHistoryDatabase } from '@/lib/history/database';
import { historyCycle } from '../../helpers/history-cycle';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const retention = historyRetention({ horizonDays: 2, fullResolutionMinutes: 60 });

/** Time lag and flags vary too, so their encoding is exercised. */
const cycle = (t: number, offset: number) =>
  historyCycle(t, offset, 't', { maxTimeLagSeconds: (offset % 1000) / 8, flags: offset % 11 === 0 ? 1 : 0 });

describe('the history under an irregular clock', () => {
  it('reads back real samples only, in order, the last hour whole, older ones at most one a minute, and the same after a restart', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const db = openHistoryDatabase(':memory:');
    try {
      const history = new ClusterHistory(db, 'c', retention);
      const written = new Map<number, number>();
      let t = 1_700_000_000_000;
      let offset = 1000;
      for (let i = 0; i < 30_000; i++) {
        const r = random();
        t += r < 0.001 ? 5 * HOUR : r < 0.003 ? 37 * MINUTE : r < 0.004 ? -30_000 : 10_000;
        offset += Math.floor(random() * 50);
        history.record(cycle(t, offset), t);
        written.set(t, offset);
      }
      const rows = history.reader.aggregates('topic', { topic: 't' }, 0, t + 1)[0].rows;
      rows.slice(1).forEach((row, i) => expect(row.t).toBeGreaterThan(rows[i].t));
      // Every row read is the last one written for its t.
      expect(rows.every((row) => written.get(row.t) === row.endOffsetSum)).toBe(true);
      const lastHour = [...written.keys()].filter((at) => at > t - HOUR);
      expect(rows.filter((row) => row.t > t - HOUR)).toHaveLength(lastHour.length);
      const perMinute = new Map<number, number>();
      for (const row of rows.filter((r) => r.t < t - 2 * HOUR)) {
        const minute = Math.floor(row.t / MINUTE);
        perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
      }
      expect(Math.max(0, ...perMinute.values())).toBe(1);
      expect(rows[0].t).toBeGreaterThanOrEqual(t - retention.horizonMs - 6 * HOUR);
      const restarted = new ClusterHistory(db, 'c', retention);
      expect(restarted.reader.aggregates('topic', { topic: 't' }, 0, t + 1)[0].rows).toEqual(rows);
    } finally {
      db.close();
    }
  }, 60_000);
});
