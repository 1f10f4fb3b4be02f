import { describe, expect, it } from 'vitest';
import { lagSplitTitle } from '@/components/ui/lag-split-title';

describe('lagSplitTitle', () => {
  it('gives the whole lag, then the readable and the lost parts, exactly', () => {
    expect(lagSplitTitle(12_345, 4_345)).toBe(
      '12,345 behind the end of the log: 8,000 still readable, 4,345 deleted by retention before being read',
    );
  });
});
