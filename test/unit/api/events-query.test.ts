/** The events query the pages send: subjects, kinds, a window and a limit. */
import { describe, expect, it } from 'vitest';
import { eventsQuery } from '@/lib/api/client/hooks';

describe('the events query', () => {
  it('names each subject and kind, the window and the limit (50 unless given)', () => {
    const query = new URLSearchParams(
      eventsQuery({ groups: ['g'], topics: ['t1', 't2'], kinds: ['topic-config', 'leader-changed'], from: 1000.7 }),
    );
    expect(query.getAll('group')).toEqual(['g']);
    expect(query.getAll('topic')).toEqual(['t1', 't2']);
    expect(query.getAll('kind')).toEqual(['topic-config', 'leader-changed']);
    expect(query.get('from')).toBe('1000');
    expect(query.get('to')).toBeNull();
    expect(query.get('limit')).toBe('50');
    expect(new URLSearchParams(eventsQuery({ limit: 1000 })).get('limit')).toBe('1000');
  });
});
