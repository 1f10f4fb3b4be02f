import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LAG_STATUS_OPTIONS,
  groupStatus,
  partitionStatus,
  recordCommit,
  type CommitObservation,
  type LagStatusOptions,
} from '@/lib/analysis/lag-status';

const T0 = 1_700_000_000_000;
const POLL_MS = 10_000;
const OPTIONS: LagStatusOptions = DEFAULT_LAG_STATUS_OPTIONS;

/** An observation at poll number `poll` (10 s apart). */
function obs(poll: number, offset: number, lag: number): CommitObservation {
  return { offset, lag, t: T0 + poll * POLL_MS };
}

/** Observations at polls 0, 1, 2… from [offset, lag] pairs. */
function window(...pairs: [offset: number, lag: number][]): CommitObservation[] {
  return pairs.map(([offset, lag], poll) => obs(poll, offset, lag));
}

/** This poll's lag at poll number `poll`. */
function current(poll: number, lag: number): { lag: number; t: number } {
  return { lag, t: T0 + poll * POLL_MS };
}

/** Polls a consumer: each entry is [offset, lag, consumerActive]; returns the final window. */
function poll(entries: [offset: number, lag: number, active: boolean][], windowSize = 10): CommitObservation[] {
  return entries.reduce<CommitObservation[]>(
    (acc, [offset, lag, active], i) => recordCommit(acc, obs(i, offset, lag), active, windowSize),
    [],
  );
}

describe('recordCommit', () => {
  it('records the first observation even without a live member', () => {
    expect(recordCommit([], obs(0, 100, 5), false, 10)).toEqual([obs(0, 100, 5)]);
  });

  it('records a changed offset without a live member (a commit we can see)', () => {
    expect(
      poll([
        [100, 5, false],
        [120, 3, false],
      ]),
    ).toEqual([obs(0, 100, 5), obs(1, 120, 3)]);
  });

  it('records an unchanged offset while a live member owns the partition', () => {
    expect(
      poll([
        [100, 5, true],
        [100, 9, true],
      ]),
    ).toEqual([obs(0, 100, 5), obs(1, 100, 9)]);
  });

  it('leaves the window unchanged for an unchanged offset without a live member', () => {
    const before = [obs(0, 100, 5)];
    expect(recordCommit(before, obs(1, 100, 9), false, 10)).toBe(before);
  });

  it('records a decrease so that a rewind can be seen', () => {
    expect(
      poll([
        [100, 0, false],
        [40, 60, false],
      ]),
    ).toEqual([obs(0, 100, 0), obs(1, 40, 60)]);
  });

  it('keeps only the last windowSize observations', () => {
    const result = poll(
      Array.from({ length: 7 }, (_, i): [number, number, boolean] => [i * 10, 1, true]),
      3,
    );
    expect(result).toEqual([obs(4, 40, 1), obs(5, 50, 1), obs(6, 60, 1)]);
  });

  it('does not change the window it is given', () => {
    const before = [obs(0, 100, 5)];
    recordCommit(before, obs(1, 110, 5), true, 10);
    expect(before).toEqual([obs(0, 100, 5)]);
  });
});

describe('partitionStatus', () => {
  it('calls a lagging partition of a group without members STOP from its first poll', () => {
    const seen = window([100, 5]);
    expect(partitionStatus(seen, { ...current(0, 5), groupHasMembers: false }, OPTIONS)).toBe('STOP');
    expect(partitionStatus(seen, { ...current(0, 5), groupHasMembers: true }, OPTIONS)).toBe('OK');
    expect(partitionStatus(seen, { ...current(0, 0), groupHasMembers: false }, OPTIONS)).toBe('OK');
  });

  it('is OK for a caught-up consumer on an idle topic', () => {
    const idle = poll([
      [500, 0, true],
      [500, 0, true],
      [500, 0, true],
    ]);
    expect(partitionStatus(idle, current(2, 0), OPTIONS)).toBe('OK');
  });

  it('is OK while the current lag is within allowedLag, and judged once it is above', () => {
    const stuck = window([100, 12], [100, 15], [100, 18]);
    const allowTen = { windowSize: 10, allowedLag: 10 };
    expect(partitionStatus(stuck, current(2, 10), allowTen)).toBe('OK');
    expect(partitionStatus(stuck, current(2, 18), allowTen)).toBe('STALL');
    expect(partitionStatus(stuck, current(2, 18), { windowSize: 10, allowedLag: 15 })).toBe('OK');
  });

  it('is WARN for a slow consumer: moving, but lag never decreasing', () => {
    const slow = window([100, 50], [150, 60], [200, 60], [260, 75]);
    expect(partitionStatus(slow, current(3, 75), OPTIONS)).toBe('WARN');
  });

  it('is OK for a lagging consumer whose lag went down somewhere in the window', () => {
    const recovering = window([100, 50], [180, 40], [220, 55]);
    expect(partitionStatus(recovering, current(2, 55), OPTIONS)).toBe('OK');
  });

  it('is OK, not WARN, when an observation in the window was within allowedLag', () => {
    const bursty = window([100, 0], [100, 3], [110, 9]);
    expect(partitionStatus(bursty, current(2, 9), OPTIONS)).toBe('OK');
  });

  it('is STOP for an Empty group whose lag grows after the window span has passed', () => {
    // Active for 3 polls (span 20 s), then the service stops: no member, offset frozen.
    let history = poll([
      [100, 0, true],
      [110, 0, true],
      [120, 0, true],
    ]);
    const statuses: string[] = [];
    for (let i = 3; i <= 6; i++) {
      history = recordCommit(history, obs(i, 120, (i - 2) * 10), false, 10);
      statuses.push(partitionStatus(history, current(i, (i - 2) * 10), OPTIONS));
    }
    expect(history).toHaveLength(3);
    expect(statuses).toEqual(['OK', 'OK', 'STOP', 'STOP']);
  });

  it('is STOP at the next poll for a consumer seen once with lag and never again', () => {
    const once = poll([
      [100, 40, false],
      [100, 45, false],
    ]);
    expect(partitionStatus(once, current(0, 40), OPTIONS)).toBe('OK');
    expect(partitionStatus(once, current(1, 45), OPTIONS)).toBe('STOP');
  });

  it('is not STOP when the time since the last commit equals the span', () => {
    const w = window([100, 5], [110, 6]);
    expect(partitionStatus(w, current(2, 7), OPTIONS)).not.toBe('STOP');
    expect(partitionStatus(w, current(2.01, 7), OPTIONS)).toBe('STOP');
  });

  it('is STALL for a live member stuck on one offset while lag grows', () => {
    const stuck = poll([
      [300, 10, true],
      [300, 20, true],
      [300, 30, true],
    ]);
    expect(partitionStatus(stuck, current(2, 30), OPTIONS)).toBe('STALL');
  });

  it('needs two observations for STALL or WARN', () => {
    expect(partitionStatus([obs(0, 300, 10)], current(0, 10), OPTIONS)).toBe('OK');
  });

  it('is REWIND after a reset to an earlier offset, even from a caught-up window', () => {
    const reset = poll([
      [900, 0, true],
      [900, 0, true],
      [100, 800, true],
    ]);
    expect(partitionStatus(reset, current(2, 800), OPTIONS)).toBe('REWIND');
  });

  it('is OK after a rewind once the consumer has caught up again', () => {
    const reset = poll([
      [900, 0, true],
      [100, 800, true],
      [900, 0, true],
    ]);
    expect(partitionStatus(reset, current(2, 0), OPTIONS)).toBe('OK');
  });

  it('ranks REWIND before STOP and STOP before STALL', () => {
    const rewoundThenStopped = window([900, 5], [100, 800]);
    expect(partitionStatus(rewoundThenStopped, current(9, 900), OPTIONS)).toBe('REWIND');
    const stalledThenStopped = window([300, 10], [300, 20]);
    expect(partitionStatus(stalledThenStopped, current(9, 90), OPTIONS)).toBe('STOP');
  });

  it('is STOP for an empty window with lag, OK for one without', () => {
    expect(partitionStatus([], current(0, 5), OPTIONS)).toBe('STOP');
    expect(partitionStatus([], current(0, 0), OPTIONS)).toBe('OK');
  });

  it('is AHEAD when committed past the end, whatever the lag of 0 and the window say', () => {
    const caughtUp = window([100, 0], [100, 0]);
    expect(partitionStatus(caughtUp, { ...current(2, 0), committedAheadOfEnd: true }, OPTIONS)).toBe('AHEAD');
    expect(partitionStatus([], { ...current(0, 0), committedAheadOfEnd: true, groupHasMembers: false })).toBe('AHEAD');
    expect(partitionStatus(caughtUp, { ...current(2, 0), committedAheadOfEnd: false }, OPTIONS)).toBe('OK');
  });

  it('uses the default options when none are given', () => {
    expect(partitionStatus(window([300, 10], [300, 20]), current(1, 20))).toBe('STALL');
  });
});

describe('groupStatus', () => {
  it('is OK with no partitions or only OK ones', () => {
    expect(groupStatus([])).toBe('OK');
    expect(groupStatus(['OK', 'OK'])).toBe('OK');
  });

  it('is WARN when the worst partition warns', () => {
    expect(groupStatus(['OK', 'WARN', 'OK'])).toBe('WARN');
  });

  it.each(['STOP', 'STALL', 'REWIND'] as const)('is ERR when any partition is %s', (status) => {
    expect(groupStatus(['WARN', status, 'OK'])).toBe('ERR');
  });

  it('is AHEAD over OK and WARN, and ERR over AHEAD', () => {
    expect(groupStatus(['OK', 'AHEAD'])).toBe('AHEAD');
    expect(groupStatus(['WARN', 'AHEAD', 'OK'])).toBe('AHEAD');
    expect(groupStatus(['AHEAD', 'STOP'])).toBe('ERR');
  });
});
