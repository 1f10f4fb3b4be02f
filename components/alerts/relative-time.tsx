'use client';
import { useNow } from '@/components/ui/data-age';
import { formatDuration } from '@/lib/format/format-duration';

/** "fired 3m 5s ago" or "ends in 3h 59m", the exact time on hover. */
export function RelativeTime({ at, label }: { at: number; label: string }) {
  const now = useNow();
  const iso = new Date(at).toISOString();
  const seconds = now === null ? 0 : Math.round((now - at) / 1000);
  const text = seconds < 0 ? `in ${formatDuration(-seconds)}` : `${formatDuration(seconds)} ago`;
  return (
    <time dateTime={iso} title={iso}>
      {label} {text}
    </time>
  );
}
