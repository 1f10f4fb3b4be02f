'use client';
/**
 * On the page an alert links to: what changed for its subjects (a group and its topics) in
 * the minutes before the alert's condition began, up to when it fired. The usual answer to
 * "why did this start?": a rebalance, a reset, a retention change, a leader moving.
 */
import { useNow } from '@/components/ui/data-age';
import { QueryError } from '@/components/ui/query-status';
import type { AlertView } from '@/lib/api/alert-schemas';
import { useEvents, type EventSubjects } from '@/lib/api/client/hooks';
import { formatTimestamp } from '@/lib/format/format-timestamp';
import { EventList } from './event-list';

/** How far before the condition began the panel looks. */
export const BEFORE_ALERT_MS = 15 * 60_000;

/** The newest active alert about `group`, if any: the one the page was most likely opened for. */
export function groupAlert(alerts: AlertView[] | undefined, group: string): AlertView | null {
  const about = (alerts ?? []).filter((a) => a.subject.group === group && a.status !== 'resolved');
  return about.sort((a, b) => (b.firedAt ?? b.since) - (a.firedAt ?? a.since))[0] ?? null;
}

export function EventsBeforeAlert({
  cluster,
  subjects,
  alert,
}: {
  cluster: string;
  subjects: EventSubjects;
  alert: AlertView;
}) {
  const end = alert.firedAt ?? alert.lastSeenAt;
  const { data, error, isPending } = useEvents(cluster, {
    ...subjects,
    from: alert.since - BEFORE_ALERT_MS,
    to: end,
    limit: 100,
  });
  const zone = useNow() === null ? 'UTC' : undefined;
  // Alerts are in the timeline too: this panel is about what came before, not the alert itself.
  const changes = data?.events.filter((e) => e.kind !== 'alert-fired' && e.kind !== 'alert-resolved');
  return (
    <section className="events-around" aria-labelledby="events-before-alert-heading" data-testid="events-before-alert">
      <h3 id="events-before-alert-heading">
        Before the alert {alert.status === 'firing' ? 'fired' : 'began'}: what changed from{' '}
        {formatTimestamp(alert.since - BEFORE_ALERT_MS, zone)} to {formatTimestamp(end, zone)}
      </h3>
      <p className="muted">{alert.message}</p>
      {isPending ? <p className="muted">Loading…</p> : null}
      <QueryError error={error} hasData={data !== undefined} what="what changed" />
      {changes && changes.length === 0 ? (
        <p className="muted" data-testid="no-events">
          Nothing changed for this group or its topics then: look at the consumers themselves (their logs, their hosts).
        </p>
      ) : null}
      {changes && changes.length > 0 ? <EventList events={changes} /> : null}
    </section>
  );
}
