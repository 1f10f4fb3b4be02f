/**
 * Consumer status per partition, after Burrow's sliding-window evaluation
 * (linkedin/Burrow core/internal/evaluator/caching.go), adapted to polling.
 *
 * Burrow reads every offset commit from __consumer_offsets and keeps the last N
 * (default 10) per partition, each with the lag at that commit. Its rules: OK
 * when the current lag is 0 or any lag in the window is 0; otherwise, in order,
 * REWIND (an offset lower than its predecessor), STOP (now − last commit >
 * last − first commit), STALL (all offsets equal), WARN (lag never decreased),
 * else OK. A group takes its worst partition, STOP/STALL/REWIND reported as ERR.
 *
 * We do not see each commit, only the committed offset at each poll. So
 * `recordCommit` adds an observation when the offset changed (a commit we can
 * see) or when a live member owns the partition (its client commits
 * periodically even with nothing new). Without a member (a stopped service, an
 * Empty group) nothing is added, so the time since the last commit grows.
 *
 * Where we differ from Burrow, and why:
 * - `allowedLag` generalises Burrow's "lag is 0": under polling a healthy
 *   consumer on a busy topic is rarely seen at exactly 0.
 * - A lag ≤ allowedLag earlier in the window does not excuse REWIND or STOP. It
 *   hid a stopped group forever in Burrow (issue #290: a window of zero-lag
 *   commits never slides once commits stop), and a reset to an earlier offset
 *   usually happens on a caught-up group. It still excuses STALL and WARN: a
 *   healthy consumer seen between two commits must not be flagged.
 * - STALL and WARN need two observations; Burrow would call a one-commit window
 *   stalled. One poll is not evidence of either.
 * - Burrow's min-distance (commits closer than it overwrite each other) has no
 *   counterpart: the poll interval already spaces observations.
 * - An empty window is STOP when the lag is over the allowance (Burrow skips it), and
 *   so is a one-commit window of a group without members: after a start without
 *   history, a stopped service must not read OK until a second poll.
 * - AHEAD is ours: the committed offset is past the high watermark (the topic was
 *   deleted and recreated, or truncated by an unclean election). There is no lag to
 *   judge; the consumer's next fetch gets OFFSET_OUT_OF_RANGE and it resets by its
 *   auto.offset.reset, skipping or re-reading data. The group takes AHEAD too, ranked
 *   between WARN and ERR.
 * Caveat: a live consumer that commits less often than every `windowSize` polls
 * shows as STALL between its commits; size the window (× poll interval) above
 * the consumers' commit interval.
 */

export type PartitionStatus = 'OK' | 'WARN' | 'STOP' | 'STALL' | 'REWIND' | 'AHEAD';
export type GroupStatus = 'OK' | 'WARN' | 'AHEAD' | 'ERR';

export interface CommitObservation {
  offset: number;
  /** Lag in messages when the offset was observed. */
  lag: number;
  /** Epoch milliseconds of the poll. */
  t: number;
}

export interface LagStatusOptions {
  /** Observations kept per partition. */
  windowSize: number;
  /** Lag, in messages, that still counts as caught up. */
  allowedLag: number;
}

export const DEFAULT_LAG_STATUS_OPTIONS: LagStatusOptions = { windowSize: 10, allowedLag: 0 };

/**
 * Adds this poll's committed offset to the partition's window, keeping the last
 * `windowSize` (at least 1) observations. Added when the offset differs from the
 * newest (decreases too, so a rewind is seen) or when `consumerActive` (a live
 * member owns the partition); otherwise the window is returned unchanged.
 */
export function recordCommit(
  window: CommitObservation[],
  observation: CommitObservation,
  consumerActive: boolean,
  windowSize: number,
): CommitObservation[] {
  const newest = window[window.length - 1];
  if (newest !== undefined && newest.offset === observation.offset && !consumerActive) return window;
  return [...window, observation].slice(-Math.max(1, windowSize));
}

/**
 * Status of one partition from its window and this poll's lag at `current.t` (epoch ms).
 * `groupHasMembers: false` (an Empty group) makes a lagging partition STOP even before
 * the window holds two commits: nobody is there to consume it. `committedAheadOfEnd`
 * (committed above the high watermark) is AHEAD whatever the window says.
 */
export function partitionStatus(
  window: CommitObservation[],
  current: { lag: number; t: number; groupHasMembers?: boolean; committedAheadOfEnd?: boolean },
  options: LagStatusOptions = DEFAULT_LAG_STATUS_OPTIONS,
): PartitionStatus {
  if (current.committedAheadOfEnd) return 'AHEAD';
  if (current.lag <= options.allowedLag) return 'OK';
  if (window.length === 0) return 'STOP';
  if (current.groupHasMembers === false && window.length < 2) return 'STOP';
  if (window.some((observation, i) => i > 0 && observation.offset < window[i - 1].offset)) return 'REWIND';
  const oldest = window[0];
  const newest = window[window.length - 1];
  if (current.t - newest.t > newest.t - oldest.t) return 'STOP';
  if (window.length < 2 || window.some((observation) => observation.lag <= options.allowedLag)) return 'OK';
  if (window.every((observation) => observation.offset === oldest.offset)) return 'STALL';
  if (window.every((observation, i) => i === 0 || observation.lag >= window[i - 1].lag)) return 'WARN';
  return 'OK';
}

const GROUP_STATUS: Record<PartitionStatus, GroupStatus> = {
  OK: 'OK',
  WARN: 'WARN',
  STOP: 'ERR',
  STALL: 'ERR',
  REWIND: 'ERR',
  AHEAD: 'AHEAD',
};

const SEVERITY: Record<GroupStatus, number> = { OK: 0, WARN: 1, AHEAD: 2, ERR: 3 };

/**
 * The group's status is its worst partition's: STOP, STALL and REWIND are ERR, AHEAD
 * ranks between WARN and ERR. No partitions: OK.
 */
export function groupStatus(statuses: PartitionStatus[]): GroupStatus {
  return statuses
    .map((status) => GROUP_STATUS[status])
    .reduce<GroupStatus>((worst, status) => (SEVERITY[status] > SEVERITY[worst] ? status : worst), 'OK');
}
