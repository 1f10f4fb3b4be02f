'use client';
/**
 * A page's "What changed" panel: the events of its subjects (a group and its topics, a
 * topic, the brokers, or the whole cluster), newest first, refreshed with the page.
 */
import { QueryError } from '@/components/ui/query-status';
import { useEvents, type EventSubjects } from '@/lib/api/client/hooks';
import { EventList } from './event-list';

interface EventTimelineProps {
  cluster: string;
  subjects: EventSubjects;
  /** The heading's id, which also labels the panel. */
  headingId: string;
  title?: string;
}

export function EventTimeline({ cluster, subjects, headingId, title = 'What changed' }: EventTimelineProps) {
  const { data, error, isPending } = useEvents(cluster, subjects);
  return (
    <section className="group-panel" aria-labelledby={headingId} data-testid="event-timeline">
      <h2 id={headingId}>{title}</h2>
      {isPending ? <p className="muted">Loading what changed…</p> : null}
      <QueryError error={error} hasData={data !== undefined} what="what changed" />
      {data && data.events.length === 0 ? (
        <p className="muted" data-testid="no-events">
          No changes seen since Watermark started keeping history here (changes while it was stopped are not known).
        </p>
      ) : null}
      {data && data.events.length > 0 ? <EventList events={data.events} /> : null}
    </section>
  );
}
