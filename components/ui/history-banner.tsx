'use client';
import { useAllAlerts } from '@/lib/api/client/hooks';
import { formatAge, useNow } from './data-age';

/**
 * On every page, while the history database is off or cannot be written: charts have a
 * gap and nothing survives a restart, but collection and alerts go on.
 */
export function HistoryBanner() {
  const { data } = useAllAlerts();
  const now = useNow();
  const history = data?.history;
  if (!history || history.status === 'ok') return null;
  const failingFor =
    history.since !== null && now !== null
      ? ` for ${formatAge(Math.max(0, Math.round((now - history.since) / 1000)))}`
      : '';
  return (
    <div className="banner banner-err" role="alert" data-testid="history-banner">
      {history.status === 'off' ? (
        <strong>History is off: no charts, and alerts and silences are lost on restart.</strong>
      ) : (
        <strong>History has not been saved{failingFor}: charts have a gap.</strong>
      )}{' '}
      {history.error}. Collection and alerts go on.
    </div>
  );
}
