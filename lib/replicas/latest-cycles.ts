/**
 * The latest cycle of each cluster, shared through PostgreSQL so that every replica
 * serves every cluster: the replica holding a cluster's lease publishes each cycle it
 * reads (as cycle-wire.ts encodes it, gzipped); the others read it back as their cycle
 * reader, so the same cluster loop publishes the same snapshot, with the same
 * collectedAt, into their state store. Writes go through a FencedDatabase: only the lease
 * holder's land.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { SqlDatabase } from '../history/sql-database';
import { decodeCycleRead, encodeCycleRead } from '../collector/cycle-wire';
import { emptyCycleRead, type CycleRead, type CycleReader } from '../collector/cycle-reader';
import { describeError } from '../kafka/errors';

export const LATEST_CYCLES_SCHEMA = `
CREATE TABLE IF NOT EXISTS watermark_latest_cycles (
  cluster text PRIMARY KEY,
  seq bigint NOT NULL,          -- raised by every publish: a reader asks for what is newer
  at bigint NOT NULL,           -- when the holder read it (epoch ms)
  data bytea NOT NULL           -- the cycle as cycle-wire encodes it, gzipped
);`;

export interface PublishedCycle {
  seq: number;
  at: number;
  read: CycleRead;
}

export class LatestCycles {
  constructor(private readonly db: SqlDatabase) {}

  /** Stores `read` as the cluster's latest cycle. */
  publish(cluster: string, read: CycleRead, at: number): void {
    this.publishEncoded(cluster, encodeCycleRead(read), at);
  }

  /** Stores a cycle already encoded by cycle-wire (as the collector thread sends it). */
  publishEncoded(cluster: string, encoded: string, at: number): void {
    const data = gzipSync(encoded, { level: 1 });
    this.db
      .prepare(
        `INSERT INTO watermark_latest_cycles (cluster, seq, at, data) VALUES (?, 1, ?, ?)
         ON CONFLICT (cluster) DO UPDATE SET seq = watermark_latest_cycles.seq + 1, at = excluded.at, data = excluded.data`,
      )
      .run(cluster, at, data);
  }

  /** The cluster's latest cycle when newer than `afterSeq`; null otherwise. */
  newerThan(cluster: string, afterSeq: number): PublishedCycle | null {
    const row = this.db
      .prepare<[string, number], { seq: number; at: number; data: Buffer }>(
        'SELECT seq, at, data FROM watermark_latest_cycles WHERE cluster = ? AND seq > ?',
      )
      .get(cluster, afterSeq);
    if (!row) return null;
    return { seq: row.seq, at: row.at, read: decodeCycleRead(gunzipSync(row.data).toString('utf8')) };
  }
}

/**
 * A reader that also publishes what it reads (the lease holder's). A publish that fails
 * (the lease lost, PostgreSQL away) is reported to `onError`; the cycle is still this
 * replica's to show.
 */
export function publishingReader(
  reader: CycleReader,
  publish: (read: CycleRead) => void,
  onError: (error: unknown) => void,
): CycleReader {
  return {
    ...reader,
    ready: reader.ready?.bind(reader),
    recordAtOffset: reader.recordAtOffset.bind(reader),
    read: async () => {
      const read = await reader.read();
      try {
        publish(read);
      } catch (error) {
        onError(error);
      }
      return read;
    },
  };
}

/**
 * The cycle reader of a replica that does not hold the cluster's lease: each read waits
 * (checking every `checkMs`) for a cycle newer than the last one it gave, for up to
 * `waitMs`; without one it says so (`repeat`), and the loop publishes nothing: the pages
 * keep the last cycle, with its age.
 */
export function followerCycleReader(
  latest: LatestCycles,
  cluster: string,
  options: { checkMs: number; waitMs: number },
): CycleReader & { lastSeq(): number } {
  let seq = 0;
  let closed = false;
  /** Ends the wait under way at once (the reader closed: the replica starts polling the cluster). */
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const nothingNew = emptyCycleRead({ repeat: true });
  return {
    lastSeq: () => seq,
    read: async () => {
      const deadline = Date.now() + options.waitMs;
      while (!closed) {
        let published: PublishedCycle | null;
        try {
          published = latest.newerThan(cluster, seq);
        } catch (failure) {
          return emptyCycleRead({ error: describeError(failure), errorKind: 'store-unreadable' });
        }
        if (published) {
          seq = published.seq;
          // Its requests were the holder's: this replica sent none.
          return { ...published.read, requestCount: 0 };
        }
        if (Date.now() >= deadline) break;
        await sleep(options.checkMs);
      }
      return nothingNew;
    },
    recordAtOffset: async () => {
      throw new Error(`records of cluster ${cluster} are read by the replica holding its lease`);
    },
    close: async () => {
      closed = true;
      wake?.();
    },
  };
}
