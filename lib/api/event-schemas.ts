/**
 * The timeline API's answer: what changed in a cluster, newest first, a page at a time.
 */
import { z } from 'zod';
import { EVENT_KINDS } from '../analysis/cluster-events';

export const EventKind = z.enum(EVENT_KINDS);

export const EventView = z.object({
  id: z.number(),
  /** When a cycle first saw it; it happened after `after` (the cycle before). Epoch ms. */
  at: z.number(),
  after: z.number(),
  /** A flap is one event: how many times it happened, and the last time. */
  count: z.number(),
  lastAt: z.number(),
  kind: EventKind,
  subject: z.object({
    group: z.string().optional(),
    topic: z.string().optional(),
    partition: z.number().optional(),
    broker: z.number().optional(),
  }),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type EventView = z.infer<typeof EventView>;

export const EventsResponse = z.object({
  cluster: z.string(),
  events: z.array(EventView),
  /** Pass as ?before= for the next (older) page; null when there is none. */
  next: z.string().nullable(),
});
export type EventsResponse = z.infer<typeof EventsResponse>;
