import { describe, expect, it } from 'vitest';
import { LEGEND_ORDER, STATUS_MEANING } from '@/components/ui/lag-status-meaning';
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
