/**
 * Alerts in the history database, so active and recent alerts survive a restart.
 */
import type { Statement } from 'better-sqlite3';
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

export class AlertStore {
  readonly #upsert: Statement<[Record<string, unknown>]>;
  readonly #dropCleared: Statement<[string]>;
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
    this.#dropCleared = db.prepare<[string]>(`DELETE FROM alerts WHERE cluster = ? AND status = 'pending'`);
  }

  /** Pending and firing alerts, as the lifecycle left them. */
  loadActive(): Map<string, AlertState> {
    const rows = this.db
      .prepare(`SELECT * FROM alerts WHERE cluster = ? AND status IN ('pending', 'firing')`)
      .all(this.clusterId) as AlertRow[];
    return new Map(rows.map((row) => [row.key, toState(row)]));
  }

  /**
   * Writes the cycle's active alerts and resolutions; pending alerts that cleared are
   * deleted, and about once an hour so are resolutions older than `keepResolvedMs`.
   */
  save(active: Map<string, AlertState>, resolved: AlertState[], nowMs: number): void {
    this.db.transaction(() => {
      this.#dropCleared.run(this.clusterId);
      for (const alert of [...active.values(), ...resolved]) {
        this.#upsert.run({ ...alert, cluster: this.clusterId, body: body(alert) });
      }
      if (nowMs - this.#prunedAt >= PRUNE_EVERY_MS) {
        this.#prunedAt = nowMs;
        this.db
          .prepare(`DELETE FROM alerts WHERE cluster = ? AND status = 'resolved' AND resolved_at < ?`)
          .run(this.clusterId, nowMs - this.keepResolvedMs);
      }
    })();
  }

  /** Resolved alerts, newest first. */
  recentResolved(limit = 50): AlertState[] {
    const rows = this.db
      .prepare(`SELECT * FROM alerts WHERE cluster = ? AND status = 'resolved' ORDER BY resolved_at DESC LIMIT ?`)
      .all(this.clusterId, limit) as AlertRow[];
    return rows.map(toState);
  }
}
