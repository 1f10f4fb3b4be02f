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

/** A few words per status, for places with room for no more: the home card, tiles, alert lines, the legend's key. */
export const STATUS_SHORT: Record<AnyLagStatus, string> = {
  OK: 'lag not growing',
  WARN: 'lag growing',
  AHEAD: 'committed past the end',
  STALL: 'offset stuck',
  STOP: 'no recent commits',
  REWIND: 'offset went back',
  ERR: 'a partition stopped, stuck or went back',
};

const ERR_CAUSES = ['STOP', 'STALL', 'REWIND'] as const;

/**
 * The group page's sentence under its status: what the status means and, for ERR, which
 * partition statuses made it ("3 partitions in STOP, 1 in STALL"). Null status: nothing committed.
 */
export function groupStatusExplanation(
  status: AnyLagStatus | null,
  partitionStatuses: (AnyLagStatus | null)[],
): string {
  if (status === null) return `No status: ${NO_STATUS_MEANING}`;
  const meaning = `${status}: ${STATUS_MEANING[status]}`;
  if (status !== 'ERR') return meaning;
  const causes = ERR_CAUSES.flatMap((cause) => {
    const count = partitionStatuses.filter((s) => s === cause).length;
    return count === 0 ? [] : [{ cause, count }];
  });
  if (causes.length === 0) return meaning;
  const listed = causes
    .map(
      ({ cause, count }, i) =>
        `${i === 0 ? `${count} ${count === 1 ? 'partition' : 'partitions'}` : count} in ${cause}`,
    )
    .join(', ');
  return `${meaning} Here ${listed}.`;
}
