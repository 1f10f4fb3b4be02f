'use client';
/**
 * What changed around a point clicked on a chart: the events of the chart's subjects within
 * `spanMs` either side of it (a bucket of the chart), read for that window.
 */
import { QueryError } from '@/components/ui/query-status';
import { useNow } from '@/components/ui/data-age';
import { useEvents, type EventSubjects } from '@/lib/api/client/hooks';
import { formatDuration } from '@/lib/format/format-duration';
import { formatTimestamp } from '@/lib/format/format-timestamp';
import { EventList } from './event-list';

interface EventsAroundProps {
  cluster: string;
  subjects: EventSubjects;
  at: number;
  spanMs: number;
  onClose: () => void;
}

export function EventsAround({ cluster, subjects, at, spanMs, onClose }: EventsAroundProps) {
  const { data, error, isPending } = useEvents(cluster, {
    ...subjects,
    from: at - spanMs,
    to: at + spanMs,
    limit: 100,
  });
  const zone = useNow() === null ? 'UTC' : undefined;
  return (
    <section className="events-around" aria-labelledby="events-around-heading" data-testid="events-around">
      <header className="group-panel-header">
        <h3 id="events-around-heading">
          What changed around {formatTimestamp(at, zone)} (± {formatDuration(spanMs / 1000)})
        </h3>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </header>
      {isPending ? <p className="muted">Loading…</p> : null}
      <QueryError error={error} hasData={data !== undefined} what="what changed" />
      {data && data.events.length === 0 ? <p className="muted">Nothing changed then.</p> : null}
      {data && data.events.length > 0 ? <EventList events={data.events} /> : null}
      {data?.next ? (
        <p className="muted" data-testid="events-more">
          The newest {data.events.length} changes in this window; the timeline below lists more.
        </p>
      ) : null}
    </section>
  );
}
