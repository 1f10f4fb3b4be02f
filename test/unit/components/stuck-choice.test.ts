/** Which partition's record the group page reads by itself, and how the choice reads from the URL. */
import { describe, expect, it } from 'vitest';
import { keepStuckChoice, stuckChoice } from '@/components/records/stuck-record-panel';
import { parseChoice, recordChoiceParam } from '@/lib/api/search-params';
import type { GroupPartitionView } from '@/lib/api/schemas';

const partition = (p: Partial<GroupPartitionView>) =>
  ({ committedOffset: 10, lag: 0, status: 'OK', ...p }) as GroupPartitionView;

describe('the partition whose record the group page reads', () => {
  it('is the STALL or STOP partition furthest behind, and none when nothing is stuck', () => {
    const partitions = [
      partition({ topic: 'a', partition: 0, status: 'WARN', lag: 900 }),
      partition({ topic: 'a', partition: 1, status: 'STALL', lag: 40 }),
      partition({ topic: 'b', partition: 3, status: 'STOP', lag: 70 }),
      partition({ topic: 'b', partition: 4, status: 'STOP', lag: 500, committedOffset: null }),
    ];
    expect(stuckChoice(partitions)).toEqual({ topic: 'b', partition: 3 });
    expect(stuckChoice(partitions.slice(0, 1))).toBeNull();
  });

  it('keeps the partition it read while it is still stuck, however the lags move, and moves on once it is not', () => {
    const first = [
      partition({ topic: 'a', partition: 1, status: 'STALL', lag: 40 }),
      partition({ topic: 'b', partition: 3, status: 'STOP', lag: 70 }),
    ];
    const read = keepStuckChoice(null, first);
    expect(read).toEqual({ topic: 'b', partition: 3 });
    // a-1 falls further behind than b-3: still b-3, no second Fetch.
    const overtaken = [
      partition({ topic: 'a', partition: 1, status: 'STALL', lag: 400 }),
      partition({ topic: 'b', partition: 3, status: 'STOP', lag: 75 }),
    ];
    expect(keepStuckChoice(read, overtaken)).toBe(read);
    // b-3 recovers: the stuck one left is read.
    const recovered = [
      partition({ topic: 'a', partition: 1, status: 'STALL', lag: 400 }),
      partition({ topic: 'b', partition: 3, status: 'OK', lag: 0 }),
    ];
    expect(keepStuckChoice(read, recovered)).toEqual({ topic: 'a', partition: 1 });
    expect(keepStuckChoice(read, [])).toBeNull();
  });

  it('reads ?record=topic:partition, empty as none, absent as "the stuck one"', () => {
    expect(parseChoice('orders.v2:12')).toEqual({ topic: 'orders.v2', partition: 12 });
    expect(parseChoice('orders')).toBeNull();
    expect(recordChoiceParam({})).toBeUndefined();
    expect(recordChoiceParam({ record: '' })).toBeNull();
    expect(recordChoiceParam({ record: ['x:1', 'y:2'] })).toEqual({ topic: 'x', partition: 1 });
  });
});
