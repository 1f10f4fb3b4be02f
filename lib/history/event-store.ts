/**
 * The timeline's events in the history database, kept as long as the history. A change is
 * written once; one that repeats within FLAP_WINDOW_MS (an ISR that shrinks and expands
 * every minute, a consumer that keeps rejoining) raises the count of its row instead of
 * adding rows, so a flap reads as one line "×12, last at …".
 */
import type { SqlStatement as Statement } from './sql-database';
import { mergeRepeat, type ClusterEvent, type EventKind, type EventSubject } from '../analysis/cluster-events';
import type { HistoryDatabase } from './database';

/** Repeats of a flapping kind within this long of the last one are counted on the same row. */
export const FLAP_WINDOW_MS = 10 * 60_000;

/** Kinds that flap: a repeat is the same thing happening again. Others (a config change, a reset) each get a row. */
/** Subjects read as branches of one query, under SQLite's 500 terms of a compound SELECT; more are read as one OR. */
const MAX_BRANCHES = 400;

const FLAPPING_KINDS = new Set<EventKind>([
  'group-state',
  'group-rebalance',
  'group-assignment',
  'leader-changed',
  'isr-shrink',
  'isr-expand',
  'partition-offline',
  'partition-online',
  'broker-down',
  'broker-up',
  'controller-changed',
  'log-dir-usage',
]);

export interface StoredEvent extends ClusterEvent {
  id: number;
  /** How many times it happened (1, or more for a flap); `lastAt` is the latest. */
  count: number;
  lastAt: number;
}

export interface EventFilter {
  /** Events about any of these (a group's page asks for its group and its topics); none given: all. */
  groups?: string[];
  topics?: string[];
  brokers?: number[];
  kinds?: EventKind[];
  /** Events that happened (first or last time) within [from, to]. */
  from?: number;
  to?: number;
  /** Newest first; at most this many (default 100, at most 1,000). */
  limit?: number;
  /** The page after the one whose `next` this is. */
  before?: EventCursor;
}

/** Where a page of events ended: the (at, id) of its last event. */
export interface EventCursor {
  at: number;
  id: number;
}

export interface EventPage {
  events: StoredEvent[];
  /** Where the next (older) page starts; null when there is none. */
  next: EventCursor | null;
}

interface EventRow {
  id: number;
  at: number;
  after: number;
  last_at: number;
  count: number;
  kind: EventKind;
  grp: string | null;
  topic: string | null;
  partition: number | null;
  broker: number | null;
  message: string;
  details: string;
}

interface Recent {
  id: number;
  lastAt: number;
  event: ClusterEvent;
}

const MAX_LIMIT = 1000;
const PRUNE_EVERY_MS = 3600_000;

const subjectKey = (kind: EventKind, s: EventSubject) =>
  JSON.stringify([kind, s.group ?? null, s.topic ?? null, s.partition ?? null, s.broker ?? null]);

function toEvent(row: EventRow): StoredEvent {
  const subject: EventSubject = {};
  if (row.grp !== null) subject.group = row.grp;
  if (row.topic !== null) subject.topic = row.topic;
  if (row.partition !== null) subject.partition = row.partition;
  if (row.broker !== null) subject.broker = row.broker;
  return {
    id: row.id,
    at: row.at,
    after: row.after,
    lastAt: row.last_at,
    count: row.count,
    kind: row.kind,
    subject,
    message: row.message,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

export class EventStore {
  readonly #insert: Statement<[Record<string, unknown>], { id: number }>;
  readonly #repeat: Statement<[Record<string, unknown>]>;
  /** The last row of each flapping kind and subject (as written), while a repeat would still count on it. */
  readonly #recent = new Map<string, Recent>();
  #prunedAt = -Infinity;

  constructor(
    private readonly db: HistoryDatabase,
    private readonly clusterId: string,
    /** Events are kept this long (the history's horizon), then deleted. */
    private readonly horizonMs: number,
  ) {
    this.#insert = db.prepare(
      `INSERT INTO events (cluster, at, after, last_at, count, kind, grp, topic, partition, broker, message, details)
       VALUES (@cluster, @at, @after, @at, 1, @kind, @group, @topic, @partition, @broker, @message, @details)
       RETURNING id`,
    );
    this.#repeat = db.prepare(
      `UPDATE events SET count = count + 1, last_at = @at, message = @message, details = @details WHERE id = @id`,
    );
  }

  /** Writes a cycle's events in one transaction (a repeat within FLAP_WINDOW_MS counts on its row). */
  append(events: ClusterEvent[], nowMs: number): void {
    if (events.length === 0 && nowMs - this.#prunedAt < PRUNE_EVERY_MS) return;
    if (this.#recent.size === 0 && this.#prunedAt === -Infinity) this.#loadRecent(nowMs);
    // Kept apart until the transaction holds (a failed one is tried again in full).
    const written = new Map<string, Recent>();
    this.db.transaction(() => {
      for (const event of events) {
        const key = subjectKey(event.kind, event.subject);
        const last = FLAPPING_KINDS.has(event.kind) ? (written.get(key) ?? this.#recent.get(key)) : undefined;
        if (last && event.at - last.lastAt <= FLAP_WINDOW_MS) {
          const merged = mergeRepeat(last.event, event);
          this.#repeat.run({
            id: last.id,
            at: event.at,
            message: merged.message,
            details: JSON.stringify(merged.details),
          });
          written.set(key, { id: last.id, lastAt: event.at, event: merged });
          continue;
        }
        const { subject } = event;
        const inserted = this.#insert.get({
          cluster: this.clusterId,
          at: event.at,
          after: event.after,
          kind: event.kind,
          group: subject.group ?? null,
          topic: subject.topic ?? null,
          partition: subject.partition ?? null,
          broker: subject.broker ?? null,
          message: event.message,
          details: JSON.stringify(event.details),
        });
        if (FLAPPING_KINDS.has(event.kind)) {
          written.set(key, { id: inserted!.id, lastAt: event.at, event });
        }
      }
      if (nowMs - this.#prunedAt >= PRUNE_EVERY_MS) {
        this.db
          .prepare(`DELETE FROM events WHERE cluster = ? AND last_at < ?`)
          .run(this.clusterId, nowMs - this.horizonMs);
      }
    })();
    // Only once the transaction holds.
    if (nowMs - this.#prunedAt >= PRUNE_EVERY_MS) {
      this.#prunedAt = nowMs;
      for (const [key, last] of this.#recent) if (nowMs - last.lastAt > FLAP_WINDOW_MS) this.#recent.delete(key);
    }
    for (const [key, last] of written) this.#recent.set(key, last);
  }

  /** After a restart, a flap that goes on keeps counting on the row it had. */
  #loadRecent(nowMs: number): void {
    const rows = this.db
      .prepare(`SELECT * FROM events WHERE cluster = ? AND last_at >= ? ORDER BY last_at`)
      .all(this.clusterId, nowMs - FLAP_WINDOW_MS) as EventRow[];
    for (const row of rows) {
      if (!FLAPPING_KINDS.has(row.kind)) continue;
      const event = toEvent(row);
      this.#recent.set(subjectKey(event.kind, event.subject), { id: row.id, lastAt: row.last_at, event });
    }
  }

  /**
   * A page of events, newest first, matching the filter. Each subject (a group, a topic, a
   * broker) is its own branch, read newest first from its index and cut at the page's size,
   * and the branches are merged: an OR of the subjects walked the cluster's whole timeline
   * for a subject with few events (80 ms at 200,000 events; now under 1 ms).
   */
  query(filter: EventFilter = {}): EventPage {
    const common = ['cluster = @cluster'];
    const params: Record<string, unknown> = { cluster: this.clusterId };
    const limit = Math.min(Math.max(1, filter.limit ?? 100), MAX_LIMIT);
    const bind = (name: string, value: string | number) => {
      params[name] = value;
      return `@${name}`;
    };
    if (filter.kinds?.length) common.push(`kind IN (${filter.kinds.map((k, i) => bind(`k${i}`, k)).join(', ')})`);
    if (filter.from !== undefined) common.push(`last_at >= ${bind('from', filter.from)}`);
    if (filter.to !== undefined) common.push(`at <= ${bind('to', filter.to)}`);
    if (filter.before) {
      common.push(
        `(at < ${bind('beforeAt', filter.before.at)} OR (at = @beforeAt AND id < ${bind('beforeId', filter.before.id)}))`,
      );
    }
    const subjects = [
      ...(filter.groups ?? []).map((group, i) => `grp = ${bind(`g${i}`, group)}`),
      ...(filter.topics ?? []).map((topic, i) => `topic = ${bind(`t${i}`, topic)}`),
      ...(filter.brokers ?? []).map((broker, i) => `broker = ${bind(`b${i}`, broker)}`),
    ];
    const newest = `ORDER BY at DESC, id DESC LIMIT ${limit + 1}`;
    const branch = (conditions: string[]) =>
      `SELECT * FROM (SELECT * FROM events WHERE ${conditions.join(' AND ')} ${newest}) AS branch`;
    let sql: string;
    if (subjects.length === 0) sql = `SELECT * FROM events WHERE ${common.join(' AND ')} ${newest}`;
    else if (subjects.length > MAX_BRANCHES) sql = `${branch([...common, `(${subjects.join(' OR ')})`])}`;
    else sql = `${subjects.map((subject) => branch([...common, subject])).join(' UNION ')} ${newest}`;
    const rows = this.db.prepare(sql).all(params) as EventRow[];
    const events = rows.slice(0, limit).map(toEvent);
    const last = events.at(-1);
    return { events, next: rows.length > limit && last ? { at: last.at, id: last.id } : null };
  }
}
