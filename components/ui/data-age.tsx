'use client';
import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void) {
  const timer = setInterval(onChange, 1000);
  return () => clearInterval(timer);
}
const nowSecond = () => Math.floor(Date.now() / 1000) * 1000;

/** The current time, ticking each second in the browser; null while rendering on the server. */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, nowSecond, () => null);
}

export function formatAge(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** "collected 4 s ago", exact time on hover. */
export function DataAge({ collectedAt }: { collectedAt: number | null }) {
  const now = useNow();
  if (collectedAt === null) return <span className="muted">no data yet</span>;
  const seconds = now === null ? 0 : Math.max(0, Math.round((now - collectedAt) / 1000));
  return (
    <time dateTime={new Date(collectedAt).toISOString()} title={new Date(collectedAt).toISOString()} className="muted">
      collected {formatAge(seconds)} ago
    </time>
  );
}
