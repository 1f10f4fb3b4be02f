import { formatDuration } from '@/lib/format/format-duration';
import { formatCount, formatExact } from '@/lib/format/format-number';

/** Under an hour left, a countdown reads as an error: the same bound as the "at risk" filter. */
const URGENT_SECONDS = 3600;

interface LossCountdownProps {
  lostMessages: number;
  secondsUntilLoss: number | null;
  limitedBy?: 'time' | 'size' | null;
}

/** Messages retention already deleted unread, or the time left before it may; "–" when neither applies. */
export function LossCountdown({ lostMessages, secondsUntilLoss, limitedBy = null }: LossCountdownProps) {
  if (lostMessages > 0) {
    return (
      <span className="error" title={`${formatExact(lostMessages)} messages deleted by retention before being read`}>
        lost {formatCount(lostMessages)}
      </span>
    );
  }
  if (secondsUntilLoss === null) return <span className="muted">–</span>;
  const bound = limitedBy ? ` (retention.${limitedBy === 'time' ? 'ms' : 'bytes'})` : '';
  return (
    <span
      className={secondsUntilLoss < URGENT_SECONDS ? 'error' : undefined}
      title={`lower bound before retention${bound} may delete unread messages`}
    >
      ~{formatDuration(secondsUntilLoss)}
    </span>
  );
}
