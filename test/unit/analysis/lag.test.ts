import { describe, expect, it } from 'vitest';
import { partitionLag, splitLag, totalLag } from '@/lib/analysis/lag';

describe('partitionLag', () => {
  it('is the high watermark minus the committed offset', () => {
    expect(partitionLag(40, 100)).toEqual({ lag: 60, committedAheadOfEnd: false });
  });

  it('is zero, flagged, when the commit is past the end', () => {
    expect(partitionLag(120, 100)).toEqual({ lag: 0, committedAheadOfEnd: true });
  });

  it('is unknown without a commit or an end offset', () => {
    expect(partitionLag(null, 100).lag).toBeNull();
    expect(partitionLag(40, null).lag).toBeNull();
  });
});

describe('totalLag', () => {
  it('adds the known lags, and is unknown when none is known', () => {
    expect(totalLag([1, null, 2])).toBe(3);
    expect(totalLag([null])).toBeNull();
  });
});

describe('splitLag', () => {
  it('splits a lag from before the log start into what is still readable and what was lost', () => {
    // Committed at 40, log start 70, end 100: 30 deleted unread, 30 still there.
    expect(splitLag(60, 30)).toEqual({ readable: 30, lost: 30 });
  });

  it('leaves a lag without loss readable as a whole', () => {
    expect(splitLag(60, 0)).toEqual({ readable: 60, lost: 0 });
  });

  it('never reads more lost than the lag holds, nor a negative readable part', () => {
    expect(splitLag(10, 25)).toEqual({ readable: 0, lost: 10 });
  });

  it('keeps the loss when the lag is unknown', () => {
    expect(splitLag(null, 5)).toEqual({ readable: null, lost: 5 });
  });
});
