import { describe, expect, it } from 'vitest';
import { retentionMessage } from '@/components/ui/retention-message';
import type { GroupPartitionView } from '@/lib/api/schemas';

type Risk = GroupPartitionView['retention'];

function partition(topic: string, index: number, retention: Partial<Risk> = {}) {
  return {
    topic,
    partition: index,
    retention: { lostMessages: 0, secondsUntilLoss: null, limitedBy: null, retentionMs: null, ...retention },
  };
}

const HOUR = 3600;
const noRetention = new Map<string, number | null>();

describe('retentionMessage', () => {
  it('says how many messages were lost, as an error, even when loss is also pending elsewhere', () => {
    const partitions = [
      partition('t', 0, { lostMessages: 1234, secondsUntilLoss: 0, limitedBy: 'time' }),
      partition('t', 1, { secondsUntilLoss: 60, limitedBy: 'time' }),
    ];
    expect(retentionMessage(1234, partitions, noRetention)).toEqual({
      tone: 'err',
      text: 'Lost 1,234 messages: retention deleted them before this group read them',
    });
  });

  it('warns about the soonest loss under a day, naming the limit and the partition', () => {
    const partitions = [
      partition('a', 0, { secondsUntilLoss: 10 * HOUR, limitedBy: 'time' }),
      partition('b', 3, { secondsUntilLoss: 5 * HOUR, limitedBy: 'size' }),
    ];
    expect(retentionMessage(0, partitions, noRetention)).toEqual({
      tone: 'warn',
      text: 'Loss possible in about 5h (limited by size)',
      first: { topic: 'b', partition: 3 },
    });
  });

  it('turns the warning into an error under an hour', () => {
    const message = retentionMessage(
      0,
      [partition('a', 0, { secondsUntilLoss: 59 * 60, limitedBy: 'time' })],
      noRetention,
    );
    expect(message?.tone).toBe('err');
    expect(message?.text).toBe('Loss possible in about 59m (limited by time)');
  });

  it('says nothing a day or more before loss when retention is unknown', () => {
    expect(retentionMessage(0, [partition('a', 0, { secondsUntilLoss: 24 * HOUR })], noRetention)).toBeNull();
  });

  it('warns once the unread data has used a quarter of the topic retention, not before', () => {
    const sevenDaysMs = 7 * 24 * HOUR * 1000;
    const partitions = [partition('a', 0, { secondsUntilLoss: 5 * 24 * HOUR, limitedBy: 'time' })];
    expect(retentionMessage(0, partitions, new Map([['a', sevenDaysMs]]))?.text).toBe(
      'Loss possible in about 5d (limited by time)',
    );
    const secondsBehind = [partition('a', 0, { secondsUntilLoss: 7 * 24 * HOUR - 12, limitedBy: 'time' })];
    expect(retentionMessage(0, secondsBehind, new Map([['a', sevenDaysMs]]))).toBeNull();
  });

  it('says nothing for a group seconds behind on a 1-hour topic, and turns red once a quarter is used', () => {
    const oneHourMs = HOUR * 1000;
    const fresh = [partition('a', 0, { secondsUntilLoss: HOUR - 12, limitedBy: 'time' })];
    expect(retentionMessage(0, fresh, new Map([['a', oneHourMs]]))).toBeNull();
    const behind = [partition('a', 0, { secondsUntilLoss: 40 * 60, limitedBy: 'time' })];
    expect(retentionMessage(0, behind, new Map([['a', oneHourMs]]))).toMatchObject({ tone: 'err' });
  });

  it('says nothing when no partition can lose messages', () => {
    expect(retentionMessage(0, [partition('a', 0), partition('a', 1)], noRetention)).toBeNull();
    expect(retentionMessage(0, [], noRetention)).toBeNull();
  });
});
