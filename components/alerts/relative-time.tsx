'use client';
import { useNow } from '@/components/ui/data-age';
import { formatDuration } from '@/lib/format/format-duration';
import { formatTimestamp } from '@/lib/format/format-timestamp';

/**
 * "fired 3m 5s ago (2026-12-02 00:15:46 UTC)" or "ends in 3h 59m (…)": the absolute time in
 * the text too, since a relative one pasted into an incident channel soon means nothing.
 * In the browser's time zone once hydrated; in UTC on the server (the text must not differ
 * between the server's render and hydration).
 */
export function RelativeTime({ at, label }: { at: number; label: string }) {
  const now = useNow();
  const iso = new Date(at).toISOString();
  const seconds = now === null ? 0 : Math.round((now - at) / 1000);
  const text = seconds < 0 ? `in ${formatDuration(-seconds)}` : `${formatDuration(seconds)} ago`;
  const absolute = formatTimestamp(at, now === null ? 'UTC' : undefined);
  return (
    <time dateTime={iso} title={iso} data-testid="relative-time">
      {label} {text} <span className="absolute-time">({absolute})</span>
    </time>
  );
}
