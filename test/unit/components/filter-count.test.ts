import { describe, expect, it } from 'vitest';
import { filterCountText } from '@/components/ui/filter-form';

describe('filterCountText', () => {
  it('says nothing while the list is loading, rather than "0 groups"', () => {
    expect(filterCountText(0, null, 'groups')).toBe('');
  });

  it('counts every row, or the shown ones of all when filters hide some', () => {
    expect(filterCountText(0, 0, 'groups')).toBe('0 groups');
    expect(filterCountText(12, 12, 'topics')).toBe('12 topics');
    expect(filterCountText(3, 12, 'topics')).toBe('3 of 12 topics');
  });
});
