/**
 * The group headline's catch-up sentence, from the API's catchUpSeconds or fallingBehindBy.
 */
import type { GroupResponse } from '@/lib/api/schemas';
import { formatDuration } from '@/lib/format/format-duration';
import { formatRate } from '@/lib/format/format-number';

export interface CatchUpSummary {
  tone: 'ok' | 'warn' | 'err' | 'muted';
  text: string;
}

/**
 * - `catchUpSeconds` 0: caught up; above 0: "catches up in ~T".
 * - `fallingBehindBy` above 0: "falling behind by N msg/s". Exactly 0 while consuming (the
 *   rates within catchUp's dead band, lib/analysis/catch-up.ts): keeping up. Exactly 0 with
 *   nothing consumed (both rates 0: a stopped group on an idle topic): not catching up.
 * - Neither (rates not measured yet, or nothing committed): says so.
 * - Status AHEAD (committed past the end of the log): that first, whatever the rates.
 */
export function catchUpSummary(
  group: Pick<GroupResponse, 'catchUpSeconds' | 'fallingBehindBy'> &
    Partial<Pick<GroupResponse, 'status' | 'consumeRate'>>,
): CatchUpSummary {
  if (group.status === 'AHEAD') {
    return {
      tone: 'warn',
      text: 'committed past the end of the log (topic recreated or truncated?): the consumer will reset by its auto.offset.reset',
    };
  }
  if (group.catchUpSeconds !== undefined) {
    return group.catchUpSeconds === 0
      ? { tone: 'ok', text: 'caught up' }
      : { tone: 'ok', text: `catches up in ~${formatDuration(group.catchUpSeconds)}` };
  }
  if (group.fallingBehindBy !== undefined) {
    if (group.fallingBehindBy > 0)
      return { tone: 'err', text: `falling behind by ${formatRate(group.fallingBehindBy)}` };
    return (group.consumeRate ?? 0) > 0
      ? { tone: 'ok', text: 'keeping up: consumed about as fast as produced' }
      : { tone: 'warn', text: 'not catching up: nothing consumed, the lag holds steady' };
  }
  return { tone: 'muted', text: 'catch-up unknown until rates are measured' };
}
