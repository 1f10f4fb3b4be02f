import { describe, expect, it } from 'vitest';
import { groupStatusExplanation, LEGEND_ORDER, STATUS_MEANING, STATUS_SHORT } from '@/components/ui/lag-status-meaning';
import { GroupStatus, LagStatus } from '@/lib/api/schemas';

describe('the lag status legend', () => {
  it('lists every partition and group status the API can give, once', () => {
    const statuses = new Set<string>([...LagStatus.options, ...GroupStatus.options]);
    expect([...LEGEND_ORDER].sort()).toEqual([...statuses].sort());
  });

  it('says in one line what each status means', () => {
    for (const status of LEGEND_ORDER) {
      expect(STATUS_MEANING[status].length, status).toBeGreaterThan(20);
      expect(STATUS_MEANING[status], status).not.toMatch(/\n/);
    }
  });

  it('warns that OK is about the trend, not the size of the lag, pointing to time lag', () => {
    expect(STATUS_MEANING.OK).toMatch(/not growing/);
    expect(STATUS_MEANING.OK).toMatch(/can still be large: see time lag/);
  });

  it('says ERR stands for a partition in STOP, STALL or REWIND', () => {
    expect(STATUS_MEANING.ERR).toMatch(/STOP, STALL or REWIND/);
  });
});

describe('STATUS_SHORT', () => {
  it('has a few words for every status', () => {
    for (const status of LEGEND_ORDER) {
      expect(STATUS_SHORT[status].split(' ').length, status).toBeLessThanOrEqual(7);
    }
  });
});

describe('groupStatusExplanation', () => {
  it("says what the group's status means", () => {
    expect(groupStatusExplanation('WARN', ['WARN', 'OK'])).toBe(`WARN: ${STATUS_MEANING.WARN}`);
    expect(groupStatusExplanation('OK', ['OK'])).toMatch(/^OK: .*can still be large/);
  });

  it('names the partition statuses that make a group ERR, with their counts', () => {
    expect(groupStatusExplanation('ERR', ['STOP', 'STOP', 'STALL', 'OK', null])).toBe(
      `ERR: ${STATUS_MEANING.ERR} Here 2 partitions in STOP, 1 in STALL.`,
    );
    expect(groupStatusExplanation('ERR', ['REWIND'])).toMatch(/Here 1 partition in REWIND\.$/);
  });

  it('explains a group with nothing committed', () => {
    expect(groupStatusExplanation(null, [])).toBe('No status: nothing committed yet: no lag and no status.');
  });
});
