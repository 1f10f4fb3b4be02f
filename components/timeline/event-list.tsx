'use client';
/**
 * What changed, newest first: when (absolute, in the browser's time zone once hydrated), a
 * label for the kind, and the sentence. A flap counted on one event says how many times and
 * when last.
 */
import { useNow } from '@/components/ui/data-age';
import type { EventView } from '@/lib/api/event-schemas';
import { formatTimestamp } from '@/lib/format/format-timestamp';
import { EVENT_KIND_LABELS, TROUBLE_KINDS } from './event-kind-label';

export function EventList({ events }: { events: EventView[] }) {
  const now = useNow();
  // UTC until hydrated: the server's render and the first client render must match.
  const zone = now === null ? 'UTC' : undefined;
  return (
    <ol className="event-list">
      {events.map((event) => (
        <li
          key={event.id}
          className={`event-row${TROUBLE_KINDS.has(event.kind) ? ' event-trouble' : ''}`}
          data-testid="event"
          data-kind={event.kind}
        >
          <time dateTime={new Date(event.at).toISOString()} className="event-time">
            {formatTimestamp(event.at, zone)}
          </time>
          <span className="event-kind">{EVENT_KIND_LABELS[event.kind]}</span>
          <span className="event-message">
            {event.message}
            {event.count > 1 ? (
              <span className="muted" data-testid="event-count">
                {' '}
                (×{event.count}, last {formatTimestamp(event.lastAt, zone)})
              </span>
            ) : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
