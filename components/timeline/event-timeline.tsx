'use client';
/**
 * A page's "What changed" panel: the events of its subjects (a group and its topics, a
 * topic, the brokers, or the whole cluster), newest first, refreshed with the page. It
 * shows the newest 50 and says so when there are more; "Show older" asks for more (up to
 * the API's 1,000 a page), still one refreshed list, so nothing falls between pages.
 */
import { useState } from 'react';
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

const FIRST_PAGE = 50;
const MAX_EVENTS = 1000;

export function EventTimeline({ cluster, subjects, headingId, title = 'What changed' }: EventTimelineProps) {
  const [limit, setLimit] = useState(FIRST_PAGE);
  const { data, error, isPending, isFetching } = useEvents(cluster, { ...subjects, limit });
  const more = data?.next != null;
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
      {more ? (
        <p className="muted event-more" data-testid="events-more">
          The newest {data.events.length.toLocaleString('en-US')} changes.{' '}
          {limit < MAX_EVENTS ? (
            <button
              type="button"
              className="link-button"
              disabled={isFetching}
              onClick={() => setLimit(Math.min(MAX_EVENTS, limit * 4))}
            >
              Show older
            </button>
          ) : (
            'Older ones: the events API pages further with before=.'
          )}
        </p>
      ) : null}
    </section>
  );
}
