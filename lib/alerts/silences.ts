/**
 * Silences mute notifications for alerts that match them, for a while. They come
 * from the config file (read-only here) or from the UI (stored in the history
 * database, so they survive a restart). A silenced alert still shows, marked.
 */
import { randomBytes } from 'node:crypto';
import type { SqlStatement as Statement } from '../history/sql-database';
import type { HistoryDatabase } from '../history/database';
import type { AlertSubject, RuleId } from './alert-types';
import { globMatches, globMatchesEverything } from './glob';

/** Silences made in the UI that may be in effect at once per cluster. */
export const MAX_ACTIVE_SILENCES = 100;

/** Every field given must match; `*` matches any run of characters. */
export interface SilenceMatch {
  rule?: string;
  group?: string;
  topic?: string;
  broker?: string;
}

export interface Silence {
  id: string;
  source: 'config' | 'ui';
  cluster: string;
  match: SilenceMatch;
  startsAt: number;
  /** null: until removed from the config file. */
  endsAt: number | null;
  comment: string;
  /** Who made it in the UI; null for the config file's and for silences older than this record. */
  createdBy: string | null;
}

export function silenceMatches(match: SilenceMatch, alert: { rule: RuleId; subject: AlertSubject }): boolean {
  const fields: [string | undefined, string | undefined][] = [
    [match.rule, alert.rule],
    [match.group, alert.subject.group],
    [match.topic, alert.subject.topic],
    [match.broker, alert.subject.broker === undefined ? undefined : String(alert.subject.broker)],
  ];
  const given = fields.filter(([pattern]) => pattern !== undefined);
  return given.length > 0 && given.every(([pattern, value]) => value !== undefined && globMatches(pattern!, value));
}

/** True when every pattern given matches anything: the silence would mute every alert it can apply to. */
export const matchesEverything = (match: SilenceMatch) =>
  Object.values(match).every((pattern) => pattern === undefined || globMatchesEverything(pattern));

export const isInEffect = (silence: Silence, nowMs: number) =>
  silence.startsAt <= nowMs && (silence.endsAt === null || silence.endsAt > nowMs);

interface SilenceRow {
  public_id: string;
  match: string;
  starts_at: number;
  ends_at: number;
  comment: string;
  created_by: string | null;
  ended_by: string | null;
}

/** A silence that has ended: ended early by someone (`endedBy`), or ran out (null). */
export interface EndedSilence extends Silence {
  endedBy: string | null;
}

/** How far back the alerts page lists silences that ended, and at most how many. */
export const ENDED_SILENCES_MS = 24 * 3600_000;
export const ENDED_SILENCES_SHOWN = 20;

export type ExpireResult = 'expired' | 'not-found' | 'from-config';

export class SilenceStore {
  /** Read every cycle and on every alerts request: prepared once. */
  readonly #inEffect: Statement<[string, number, number], SilenceRow>;
  readonly #ended: Statement<[string, number, number, number], SilenceRow>;

  constructor(
    private readonly db: HistoryDatabase,
    private readonly clusterId: string,
    private readonly fromConfig: Silence[] = [],
  ) {
    this.#inEffect = db.prepare<[string, number, number], SilenceRow>(
      `SELECT * FROM silences WHERE cluster = ? AND starts_at <= ? AND ends_at > ? ORDER BY id`,
    );
    this.#ended = db.prepare<[string, number, number, number], SilenceRow>(
      `SELECT * FROM silences WHERE cluster = ? AND ends_at > ? AND ends_at <= ? ORDER BY ends_at DESC LIMIT ?`,
    );
  }

  #fromRow(row: SilenceRow): Silence {
    return {
      id: row.public_id,
      source: 'ui',
      cluster: this.clusterId,
      match: JSON.parse(row.match) as SilenceMatch,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      comment: row.comment,
      createdBy: row.created_by,
    };
  }

  /** Silences in effect at `nowMs`: the config's, then the UI's, oldest first. */
  inEffect(nowMs: number): Silence[] {
    const stored = this.#inEffect.all(this.clusterId, nowMs, nowMs).map((row) => this.#fromRow(row));
    return [...this.fromConfig.filter((s) => isInEffect(s, nowMs)), ...stored];
  }

  /** UI silences that ended within ENDED_SILENCES_MS before `nowMs`, latest first, and who ended them. */
  endedRecently(nowMs: number): EndedSilence[] {
    return this.#ended
      .all(this.clusterId, nowMs - ENDED_SILENCES_MS, nowMs, ENDED_SILENCES_SHOWN)
      .map((row) => ({ ...this.#fromRow(row), endedBy: row.ended_by }));
  }

  /**
   * A new silence, or the reason it is refused: MAX_ACTIVE_SILENCES made in the UI are in
   * effect. (A result, not an exception: the API's bundle has its own copy of any error class.)
   */
  create(
    match: SilenceMatch,
    durationMs: number,
    comment: string,
    createdBy: string,
    nowMs: number,
  ): Silence | { refused: string } {
    const inEffect = this.#inEffect.all(this.clusterId, nowMs, nowMs).length;
    if (inEffect >= MAX_ACTIVE_SILENCES) {
      return {
        refused: `${inEffect} silences are in effect on cluster "${this.clusterId}" (at most ${MAX_ACTIVE_SILENCES}): end some first`,
      };
    }
    const id = randomBytes(16).toString('hex');
    this.db
      .prepare(
        `INSERT INTO silences (public_id, cluster, match, starts_at, ends_at, comment, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, this.clusterId, JSON.stringify(match), nowMs, nowMs + durationMs, comment, createdBy);
    return {
      id,
      source: 'ui',
      cluster: this.clusterId,
      match,
      startsAt: nowMs,
      endsAt: nowMs + durationMs,
      comment,
      createdBy,
    };
  }

  /** Ends a UI silence now; config silences are changed in the config file. */
  expire(id: string, endedBy: string, nowMs: number): ExpireResult {
    if (this.fromConfig.some((s) => s.id === id)) return 'from-config';
    const { changes } = this.db
      .prepare(`UPDATE silences SET ends_at = ?, ended_by = ? WHERE cluster = ? AND public_id = ? AND ends_at > ?`)
      .run(nowMs, endedBy, this.clusterId, id, nowMs);
    return changes > 0 ? 'expired' : 'not-found';
  }
}
