/**
 * What each lag status means, in one line, for the badge's title and the visible legend
 * (titles alone are invisible on touch screens). Burrow's window rules, as
 * lib/analysis/lag-status.ts applies them to the commits seen at each poll.
 */
import type { GroupStatus, LagStatus } from '@/lib/api/schemas';

/** Every status the API can give a partition or a group: a new one needs its line here. */
export type AnyLagStatus = GroupStatus | (typeof LagStatus.options)[number];

export const STATUS_MEANING: Record<AnyLagStatus, string> = {
  OK: 'caught up, or the lag fell at some commit of the window: it is not growing. It can still be large: see time lag.',
  WARN: 'the lag grew or held at every commit of the window: the consumer is not keeping up.',
  STALL: 'the consumer is there but its committed offset does not move while messages wait.',
  STOP: 'no commit for longer than the window spans: the consumer stopped, or the group has no members.',
  REWIND: 'the committed offset went backwards (an offset reset or a replay).',
  AHEAD:
    'committed past the end of the log (topic recreated or truncated): the consumer will reset by its auto.offset.reset.',
  ERR: 'a group with a partition in STOP, STALL or REWIND.',
};

/** What the badge shows for a partition or group with nothing committed. */
export const NO_STATUS_MEANING = 'nothing committed yet: no lag and no status.';

/** The legend's order: healthy first, then warnings, then errors, the group-only ERR last. */
export const LEGEND_ORDER: AnyLagStatus[] = ['OK', 'WARN', 'AHEAD', 'STALL', 'STOP', 'REWIND', 'ERR'];
