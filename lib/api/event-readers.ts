/**
 * GET /api/clusters/{c}/events: the timeline from the history database, filtered by the
 * query string. Like the other readers, never touches Kafka.
 */
import { getHistory, getHistoryOff, getStore } from '../collector/runtime';
import type { EventCursor, EventFilter } from '../history/event-store';
import { BadRequestError, NotFoundError, NotReadyError } from './errors';
import { EventKind, type EventsResponse } from './event-schemas';

/** Epoch ms, or an ISO 8601 time. */
function timeParam(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms))
    throw new BadRequestError(`${name} must be epoch milliseconds or an ISO 8601 time (got "${value}")`);
  return ms;
}

function cursorParam(value: string | null): EventCursor | undefined {
  if (value === null) return undefined;
  const match = /^(\d+)\.(\d+)$/.exec(value);
  if (!match) throw new BadRequestError(`before must be the "next" of a previous page (got "${value}")`);
  return { at: Number(match[1]), id: Number(match[2]) };
}

/** The filter a query string asks for: group, topic, broker and kind may repeat. */
export function eventFilter(query: URLSearchParams): EventFilter {
  const brokers = query.getAll('broker').map((value) => {
    if (!/^\d+$/.test(value)) throw new BadRequestError(`broker must be a broker id (got "${value}")`);
    return Number(value);
  });
  const kinds = query.getAll('kind').map((value) => {
    const parsed = EventKind.safeParse(value);
    if (!parsed.success)
      throw new BadRequestError(`kind must be one of ${EventKind.options.join(', ')} (got "${value}")`);
    return parsed.data;
  });
  const limitText = query.get('limit');
  const limit = limitText === null ? undefined : Number(limitText);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 1000)) {
    throw new BadRequestError(`limit must be a whole number from 1 to 1000 (got "${limitText}")`);
  }
  return {
    groups: query.getAll('group'),
    topics: query.getAll('topic'),
    brokers,
    kinds,
    from: timeParam(query, 'from'),
    to: timeParam(query, 'to'),
    limit,
    before: cursorParam(query.get('before')),
  };
}

export function readClusterEvents(clusterId: string, query: URLSearchParams): EventsResponse {
  if (!getStore().get(clusterId)) throw new NotFoundError(`unknown cluster "${clusterId}"`);
  const history = getHistory(clusterId);
  if (!history) throw new NotReadyError(`no history is kept: ${getHistoryOff() ?? 'not started'}`);
  const page = history.events.query(eventFilter(query));
  return {
    cluster: clusterId,
    events: page.events,
    next: page.next ? `${page.next.at}.${page.next.id}` : null,
  };
}
