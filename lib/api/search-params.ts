/**
 * What a page reads from its URL. Pages are thin server components: they parse these and
 * hand plain values to the client view.
 */
import { notFound } from 'next/navigation';
import { HistoryRange } from './history-schemas';

/** Next.js's `searchParams`: a parameter given more than once arrives as an array. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** A page's props: the route's dynamic segments and its query string, both still to be awaited. */
export interface PageProps<Params> {
  params: Promise<Params>;
  searchParams: Promise<SearchParams>;
}

/** The chart range the pages open with when the URL names none. */
export const DEFAULT_HISTORY_RANGE: HistoryRange = '1h';

/** `?range=`, or the default when it is missing, repeated or not a range the history API serves. */
export function historyRangeParam(searchParams: SearchParams): HistoryRange {
  const parsed = HistoryRange.safeParse(searchParams.range);
  return parsed.success ? parsed.data : DEFAULT_HISTORY_RANGE;
}

/** A partition of a topic, as `?record=topic:partition` names it (topic names have no colon). */
export interface PartitionChoice {
  topic: string;
  partition: number;
}

export const choiceKey = (choice: PartitionChoice) => `${choice.topic}:${choice.partition}`;

export function parseChoice(value: string | null | undefined): PartitionChoice | null {
  const match = value ? /^(.+):(\d+)$/.exec(value) : null;
  return match ? { topic: match[1], partition: Number(match[2]) } : null;
}

/** `?record=`: undefined when absent (the group page reads its stuck partition), null when empty or not a partition. */
export function recordChoiceParam(searchParams: SearchParams): PartitionChoice | null | undefined {
  const value = searchParams.record;
  if (value === undefined) return undefined;
  return parseChoice(Array.isArray(value) ? value[0] : value);
}

/** The single-valued parameters as a query string ("q=a&sort=lag"), for views that parse their own. */
export function searchString(searchParams: SearchParams): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(searchParams)) {
    if (typeof value === 'string') search.set(name, value);
  }
  return search.toString();
}

/**
 * A dynamic segment of a page's URL as the name it stands for. Next.js hands pages the
 * segment still %-encoded (route handlers get it decoded), so a group id with a space,
 * `/`, `:` or any non-ASCII character must be decoded exactly once here; a malformed
 * encoding names nothing, so the page is a 404.
 */
export function pathParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    notFound();
  }
}

/**
 * A dynamic segment from `useParams()` (still %-encoded, as pages get it) as the name to
 * show; a malformed encoding is shown as it is, since this is for messages only.
 */
export function segmentForDisplay(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
