/**
 * Series identity: (cluster, kind, group, topic, partition) ↔ a small integer id,
 * cached in memory so a cycle's writes do not look names up row by row.
 */
import type { HistoryDatabase } from './database';

export type SeriesKind = 'partition' | 'group-partition' | 'topic' | 'group-topic' | 'cluster';

export interface SeriesKey {
  kind: SeriesKind;
  groupId?: string;
  topic?: string;
  partition?: number;
}

export interface SeriesRow {
  id: number;
  kind: SeriesKind;
  groupId: string;
  topic: string;
  partition: number;
}

const cacheKey = (k: SeriesKey) => `${k.kind}\u0000${k.groupId ?? ''}\u0000${k.topic ?? ''}\u0000${k.partition ?? -1}`;

export class SeriesIds {
  readonly #ids = new Map<string, number>();
  readonly #insert;
  readonly #select;

  constructor(
    private readonly db: HistoryDatabase,
    private readonly cluster: string,
  ) {
    this.#insert = db.prepare(
      'INSERT INTO series (cluster, kind, group_id, topic, partition) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.#select = db.prepare(
      'SELECT id FROM series WHERE cluster = ? AND kind = ? AND group_id = ? AND topic = ? AND partition = ?',
    );
  }

  /** The id of a series, created on first use. */
  idOf(key: SeriesKey): number {
    const k = cacheKey(key);
    const cached = this.#ids.get(k);
    if (cached !== undefined) return cached;
    const args = [this.cluster, key.kind, key.groupId ?? '', key.topic ?? '', key.partition ?? -1];
    this.#insert.run(...args);
    const { id } = this.#select.get(...args) as { id: number };
    this.#ids.set(k, id);
    return id;
  }

  /** The id of an existing series, or undefined (reads never create series). */
  find(key: SeriesKey): number | undefined {
    const k = cacheKey(key);
    const cached = this.#ids.get(k);
    if (cached !== undefined) return cached;
    const row = this.#select.get(this.cluster, key.kind, key.groupId ?? '', key.topic ?? '', key.partition ?? -1) as
      { id: number } | undefined;
    if (row) this.#ids.set(k, row.id);
    return row?.id;
  }

  /** Drops the cache after compaction deleted series, so a returning topic gets a fresh id. */
  forget(): void {
    this.#ids.clear();
  }

  /** Every series of one kind in this cluster (optionally of one group or topic). */
  list(kind: SeriesKind, filter: { groupId?: string; topic?: string } = {}): SeriesRow[] {
    const rows = this.db
      .prepare(
        `SELECT id, kind, group_id AS "groupId", topic, partition FROM series
         WHERE cluster = ? AND kind = ? AND (CAST(? AS TEXT) IS NULL OR group_id = ?) AND (CAST(? AS TEXT) IS NULL OR topic = ?)`,
      )
      .all(
        this.cluster,
        kind,
        filter.groupId ?? null,
        filter.groupId ?? null,
        filter.topic ?? null,
        filter.topic ?? null,
      ) as SeriesRow[];
    return rows;
  }
}
