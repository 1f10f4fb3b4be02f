import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { matchesEverything, MAX_ACTIVE_SILENCES, SilenceStore, type Silence } from '@/lib/alerts/silences';
import { HISTORY_FILE, openHistoryDatabase, type SqliteDatabase } from '@/lib/history/database';
import { withTempDir } from '../../helpers/temp-dir';

let db: SqliteDatabase;

/** The silence made, failing the test if it was refused. */
function made(result: Silence | { refused: string }): Silence {
  if ('refused' in result) throw new Error(`refused: ${result.refused}`);
  return result;
}

afterEach(() => db?.close());
const { pathOf } = withTempDir('watermark-silences');

describe('SilenceStore', () => {
  it('names silences by 128-bit random ids, not by a counter anyone can guess', () => {
    db = openHistoryDatabase(':memory:');
    const store = new SilenceStore(db, 'prod');
    const ids = Array.from({ length: 5 }, () => made(store.create({ group: 'g' }, 60_000, '', 'alice', 0)).id);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(5);
    expect(store.expire('1', 'bob', 1)).toBe('not-found');
    expect(store.expire(ids[0], 'bob', 1)).toBe('expired');
  });

  it('keeps who made a silence and who ended it in the database', () => {
    db = openHistoryDatabase(':memory:');
    const store = new SilenceStore(db, 'prod');
    const silence = made(store.create({ topic: 'orders' }, 60_000, 'deploy', 'alice', 0));
    expect(store.inEffect(1)).toEqual([expect.objectContaining({ id: silence.id, createdBy: 'alice' })]);
    expect(store.expire(silence.id, 'bob', 2)).toBe('expired');
    const row = db.prepare('SELECT created_by, ended_by FROM silences WHERE public_id = ?').get(silence.id);
    expect(row).toEqual({ created_by: 'alice', ended_by: 'bob' });
  });

  it('lists silences that ended in the last 24 hours, latest first: who ended one early, or that it ran out', () => {
    db = openHistoryDatabase(':memory:');
    const store = new SilenceStore(db, 'prod');
    const HOUR = 3600_000;
    const old = made(store.create({ group: 'old' }, HOUR, '', 'alice', 0)); // ran out at 1 h: too long ago
    const ranOut = made(store.create({ group: 'ran-out' }, 20 * HOUR, '', 'alice', 0));
    const ended = made(store.create({ group: 'ended' }, 30 * HOUR, '', 'alice', 0));
    made(store.create({ group: 'running' }, 40 * HOUR, '', 'alice', 0));
    made(new SilenceStore(db, 'other').create({ group: 'elsewhere' }, HOUR, '', 'alice', 24 * HOUR));
    store.expire(ended.id, 'bob', 22 * HOUR);
    const now = 25.5 * HOUR;
    expect(store.endedRecently(now).map((s) => [s.id, s.endsAt, s.endedBy, s.createdBy])).toEqual([
      [ended.id, 22 * HOUR, 'bob', 'alice'],
      [ranOut.id, 20 * HOUR, null, 'alice'],
    ]);
    expect(store.endedRecently(now).some((s) => s.id === old.id)).toBe(false);
  });

  it(`refuses a silence beyond ${MAX_ACTIVE_SILENCES} in effect, and makes room again when one ends`, () => {
    db = openHistoryDatabase(':memory:');
    const store = new SilenceStore(db, 'prod');
    const all = Array.from({ length: MAX_ACTIVE_SILENCES }, (_, i) =>
      made(store.create({ group: `g${i}` }, 60_000, '', 'alice', 0)),
    );
    expect(store.create({ group: 'one-more' }, 60_000, '', 'alice', 1)).toEqual({
      refused: `100 silences are in effect on cluster "prod" (at most 100): end some first`,
    });
    expect(store.inEffect(1)).toHaveLength(MAX_ACTIVE_SILENCES);
    // Another cluster has its own allowance; an ended silence frees a place.
    expect(made(new SilenceStore(db, 'other').create({ group: 'x' }, 60_000, '', 'alice', 1)).id).toMatch(
      /^[0-9a-f]{32}$/,
    );
    store.expire(all[0].id, 'bob', 2);
    expect(made(store.create({ group: 'one-more' }, 60_000, '', 'alice', 3)).match).toEqual({ group: 'one-more' });
  });

  it('keeps silences made before random ids, giving each a random id', () => {
    const file = `${pathOf('old')}/${HISTORY_FILE}`;
    db = openHistoryDatabase(pathOf('old'));
    db.pragma('user_version = 3');
    // Back to the schema of version 3: undo migrations 4 and later.
    db.exec(
      'DROP INDEX silences_by_public_id; ALTER TABLE silences DROP COLUMN public_id; ALTER TABLE aggregate_samples DROP COLUMN flags; DROP TABLE raw_frames; DROP TABLE pending_aggregates; DROP TABLE aggregate_chunks; ALTER TABLE silences DROP COLUMN created_by; ALTER TABLE silences DROP COLUMN ended_by; DROP TABLE events',
    );
    db.prepare(
      `INSERT INTO silences (cluster, match, starts_at, ends_at, comment) VALUES ('prod', '{"broker":"2"}', 0, 9e12, 'disk')`,
    ).run();
    db.close();
    expect(new Database(file).pragma('user_version', { simple: true })).toBe(3);
    db = openHistoryDatabase(pathOf('old'));
    const [silence] = new SilenceStore(db, 'prod').inEffect(1);
    expect(silence).toMatchObject({ match: { broker: '2' }, comment: 'disk', createdBy: null });
    expect(silence.id).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('matchesEverything', () => {
  it('is true when every pattern given is only stars', () => {
    expect(matchesEverything({ rule: '*' })).toBe(true);
    expect(matchesEverything({ group: '**', topic: '*' })).toBe(true);
    expect(matchesEverything({ rule: '*', group: 'billing-*' })).toBe(false);
    expect(matchesEverything({ broker: '2' })).toBe(false);
  });
});
