import { formatDuration } from '@/lib/format/format-duration';
import { formatCount, formatExact } from '@/lib/format/format-number';

/** The heading of a column of LossCountdowns: it holds a time left or a loss already made. */
export const LOSS_HEADER = 'Time until loss / lost';

/** Under an hour left, a countdown reads as an error: the same bound as the "at risk" filter. */
const URGENT_SECONDS = 3600;

interface LossCountdownProps {
  lostMessages: number;
  secondsUntilLoss: number | null;
  limitedBy?: 'time' | 'size' | null;
  /** Whether the loss is near enough to count down to (lossInSight in lib/analysis/retention-risk.ts). */
  inSight: boolean;
}

/**
 * Messages retention already deleted unread, or the time left before it may; "–" when
 * neither applies, and also when the loss is not in sight: seconds behind on a 7-day
 * topic (~6d 23h) is no countdown, the title still gives the bound.
 */
export function LossCountdown({ lostMessages, secondsUntilLoss, limitedBy = null, inSight }: LossCountdownProps) {
  if (lostMessages > 0) {
    return (
      <span className="error" title={`${formatExact(lostMessages)} messages deleted by retention before being read`}>
        lost {formatCount(lostMessages)}
      </span>
    );
  }
  if (secondsUntilLoss === null) return <span className="muted">–</span>;
  if (!inSight) {
    return (
      <span
        className="muted"
        data-loss="not-in-sight"
        title={`not at risk yet: no loss possible for ~${formatDuration(secondsUntilLoss)} at the current rates`}
      >
        –
      </span>
    );
  }
  const bound = limitedBy ? ` (retention.${limitedBy === 'time' ? 'ms' : 'bytes'})` : '';
  return (
    <span
      className={secondsUntilLoss < URGENT_SECONDS ? 'error' : undefined}
      data-loss="countdown"
      title={`lower bound before retention${bound} may delete unread messages`}
    >
      ~{formatDuration(secondsUntilLoss)}
    </span>
  );
}
