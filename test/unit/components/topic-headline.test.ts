import { describe, expect, it } from 'vitest';
import { hotPartitionsText } from '@/components/ui/topic-headline';

describe('hotPartitionsText', () => {
  it('names hot partitions by id, so a lone id does not read as a count', () => {
    expect(hotPartitionsText([2])).toBe('partition 2');
    expect(hotPartitionsText([2, 5])).toBe('partitions 2, 5');
    expect(hotPartitionsText([])).toBe('none');
  });
});
