/**
 * Alerts in the history database, so active and recent alerts survive a restart.
 */
import type { SqlStatement as Statement } from '../history/sql-database';
import type { HistoryDatabase } from '../history/database';
import type { AlertState, Condition } from './alert-types';

interface AlertRow {
  key: string;
  since: number;
  status: AlertState['status'];
  fired_at: number | null;
  resolved_at: number | null;
  last_seen_at: number;
  body: string;
}

const toState = (row: AlertRow): AlertState => ({
  ...(JSON.parse(row.body) as Condition & Pick<AlertState, 'notified' | 'inhibitedBy'>),
  key: row.key,
  status: row.status,
  since: row.since,
  firedAt: row.fired_at,
  resolvedAt: row.resolved_at,
  lastSeenAt: row.last_seen_at,
});

/** The condition, whether its firing was sent and what inhibits it; `forMs` is policy, not history. */
function body(alert: AlertState): string {
  const { rule, severity, subject, value, threshold, message, href, notified, inhibitedBy } = alert;
  return JSON.stringify({ rule, severity, subject, value, threshold, message, href, notified, inhibitedBy });
}

const PRUNE_EVERY_MS = 3600_000;
/**
 * An active alert whose stored row differs only in its last sighting and value is rewritten
 * after this long: a thousand lag alerts would otherwise rewrite a thousand rows every cycle.
 */
export const REFRESH_AFTER_MS = 60_000;
/** At most this share of the active alerts is refreshed by one save, so refreshes spread over cycles. */
const REFRESH_SHARE = 1 / 6;

/** What a stored row says beyond its last sighting and value: a change to any of it is written at once. */
function standing(alert: AlertState): string {
  const { status, severity, threshold, href, notified, inhibitedBy, firedAt } = alert;
  return JSON.stringify([status, severity, threshold, href, notified ?? null, inhibitedBy ?? null, firedAt]);
}

/** The row an active alert has in the database, as this store last wrote or read it. */
interface StoredRow {
  since: number;
  standing: string;
  lastSeenAt: number;
}

export class AlertStore {
  readonly #upsert: Statement<[Record<string, unknown>]>;
  readonly #dropPending: Statement<[string, string, number]>;
  /** The pending and firing rows in the database, by key. */
  readonly #stored = new Map<string, StoredRow>();
  /**
   * Resolutions whose write failed (a full disk, the database away): written with the next
   * save, and listed as resolved meanwhile. Given once by the lifecycle, a resolution lost
   * here would leave its row firing, and a restart would bring the alert back.
   */
  #unsavedResolved: AlertState[] = [];
  #prunedAt = -Infinity;

  constructor(
    private readonly db: HistoryDatabase,
    private readonly clusterId: string,
    /** Resolved alerts are kept this long (the history's horizon), then deleted. */
    private readonly keepResolvedMs: number = 7 * 24 * 3600_000,
  ) {
    this.#upsert = db.prepare<[Record<string, unknown>]>(
      `INSERT INTO alerts (cluster, key, since, status, fired_at, resolved_at, last_seen_at, body)
       VALUES (@cluster, @key, @since, @status, @firedAt, @resolvedAt, @lastSeenAt, @body)
       ON CONFLICT (cluster, key, since) DO UPDATE SET status = excluded.status, fired_at = excluded.fired_at,
         resolved_at = excluded.resolved_at, last_seen_at = excluded.last_seen_at, body = excluded.body`,
    );
    this.#dropPending = db.prepare<[string, string, number]>(
      `DELETE FROM alerts WHERE cluster = ? AND key = ? AND since = ? AND status = 'pending'`,
    );
  }

  /** Pending and firing alerts, as the lifecycle left them (their last sighting up to `REFRESH_AFTER_MS` old). */
  loadActive(): Map<string, AlertState> {
    const rows = this.db
      .prepare(`SELECT * FROM alerts WHERE cluster = ? AND status IN ('pending', 'firing')`)
      .all(this.clusterId) as AlertRow[];
    const active = new Map(rows.map((row) => [row.key, toState(row)]));
    this.#stored.clear();
    for (const alert of active.values()) this.#remember(alert);
    return active;
  }

  /**
   * Writes what changed in the cycle's active alerts, and its resolutions; a pending alert
   * that cleared is deleted, and about once an hour so are resolutions older than
   * `keepResolvedMs`. An alert whose only change is its last sighting and value is
   * rewritten once that is `REFRESH_AFTER_MS` old, a share of them per save.
   */
  save(active: Map<string, AlertState>, resolved: AlertState[], nowMs: number): void {
    this.#unsavedResolved.push(...resolved);
    const changed: AlertState[] = [...this.#unsavedResolved];
    const stale: AlertState[] = [];
    for (const alert of active.values()) {
      const row = this.#stored.get(alert.key);
      if (!row || row.since !== alert.since || row.standing !== standing(alert)) changed.push(alert);
      else if (alert.lastSeenAt - row.lastSeenAt >= REFRESH_AFTER_MS) stale.push(alert);
    }
    const refreshed = stalest(stale, this.#stored, Math.ceil(active.size * REFRESH_SHARE));
    this.#write(active, [...changed, ...refreshed], nowMs);
    this.#unsavedResolved = [];
  }

  /** Writes every active alert as it is now, so a restart resumes from its last sighting (shutdown). */
  flush(active: Map<string, AlertState>, nowMs: number): void {
    const unwritten = [...active.values()].filter((a) => this.#stored.get(a.key)?.lastSeenAt !== a.lastSeenAt);
    this.#write(active, unwritten, nowMs);
  }

  #write(active: Map<string, AlertState>, alerts: AlertState[], nowMs: number): void {
    const cleared = [...this.#stored].filter(([key, row]) => active.get(key)?.since !== row.since);
    this.db.transaction(() => {
      for (const [key, row] of cleared) this.#dropPending.run(this.clusterId, key, row.since);
      for (const alert of alerts) this.#upsert.run({ ...alert, cluster: this.clusterId, body: body(alert) });
      if (nowMs - this.#prunedAt >= PRUNE_EVERY_MS) {
        this.db
          .prepare(`DELETE FROM alerts WHERE cluster = ? AND status = 'resolved' AND resolved_at < ?`)
          .run(this.clusterId, nowMs - this.keepResolvedMs);
      }
    })();
    // Only once the transaction holds: a failed save is tried again in full by the next.
    if (nowMs - this.#prunedAt >= PRUNE_EVERY_MS) this.#prunedAt = nowMs;
    for (const [key] of cleared) this.#stored.delete(key);
    for (const alert of alerts) if (alert.status !== 'resolved') this.#remember(alert);
  }

  #remember(alert: AlertState): void {
    this.#stored.set(alert.key, { since: alert.since, standing: standing(alert), lastSeenAt: alert.lastSeenAt });
  }

  /** Resolved alerts, newest first; those not written yet included. */
  recentResolved(limit = 50): AlertState[] {
    const rows = this.db
      .prepare(`SELECT * FROM alerts WHERE cluster = ? AND status = 'resolved' ORDER BY resolved_at DESC LIMIT ?`)
      .all(this.clusterId, limit) as AlertRow[];
    const unsaved = this.#unsavedResolved.filter((a) => !rows.some((r) => r.key === a.key && r.since === a.since));
    return [...unsaved, ...rows.map(toState)].sort((a, b) => (b.resolvedAt ?? 0) - (a.resolvedAt ?? 0)).slice(0, limit);
  }
}

/** The `limit` alerts whose stored rows are oldest. */
function stalest(alerts: AlertState[], stored: Map<string, StoredRow>, limit: number): AlertState[] {
  if (alerts.length <= limit) return alerts;
  const age = (alert: AlertState) => stored.get(alert.key)!.lastSeenAt;
  return alerts.sort((a, b) => age(a) - age(b)).slice(0, limit);
}
