import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { decodeCycleAggregates, encodeCycleAggregates, type CycleAggregates } from '@/lib/history/aggregate-head';
import { ClusterHistory, historyRetention } from '@/lib/history/cluster-history';
import { compactHistory, type HistoryRetention } from '@/lib/history/compact-history';
import { AGGREGATE_FLAGS, type CycleRecord } from '@/lib/history/cycle-record';
import { openHistoryDatabase, type SqliteDatabase } from '@/lib/history/database';
import { HistoryReader } from '@/lib/history/history-reader';
import { HistoryWriter } from '@/lib/history/history-writer';
import { historyCycle } from '../../helpers/history-cycle';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** One cycle: topic "t" with one partition at `offset`, group "g" committed at offset − 10. */
const cycle = (t: number, offset: number, topic = 't') => historyCycle(t, offset, topic);

const dirs: string[] = [];
const dbs: SqliteDatabase[] = [];
function open(dir = ':memory:'): SqliteDatabase {
  const db = openHistoryDatabase(dir);
  dbs.push(db);
  return db;
}
afterEach(() => {
  dbs.splice(0).forEach((db) => db.open && db.close());
  dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
});

const count = (db: SqliteDatabase, table: string) =>
  (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('HistoryWriter and HistoryReader', () => {
  it('reads back what a cycle wrote, per series and in time order', () => {
    const db = open();
    const writer = new HistoryWriter(db, 'c1');
    writer.append(cycle(2000, 120));
    writer.append(cycle(1000, 110));
    const reader = new HistoryReader(db, 'c1', writer.head);
    expect(reader.partitionSamples(0)[0].rows.map((r) => [r.t, r.highWatermark])).toEqual([
      [1000, 110],
      [2000, 120],
    ]);
    expect(reader.commitSamples(0)[0]).toMatchObject({ groupId: 'g', topic: 't', partition: 0 });
    expect(reader.aggregates('group-topic', { groupId: 'g' }, 0, 5000)[0].rows).toHaveLength(2);
  });

  it('keeps clusters apart', () => {
    const db = open();
    new HistoryWriter(db, 'c1').append(cycle(1000, 1));
    expect(new HistoryReader(db, 'c2').partitionSamples(0)).toEqual([]);
  });

  it('reads only the requested time range', () => {
    const db = open();
    const writer = new HistoryWriter(db, 'c1');
    for (let i = 0; i < 10; i++) writer.append(cycle(i * 1000, i + 10));
    const rows = new HistoryReader(db, 'c1', writer.head).aggregates('topic', { topic: 't' }, 3000, 5000)[0].rows;
    expect(rows.map((r) => r.t)).toEqual([3000, 4000, 5000]);
  });

  it("finds where a series' history begins: the oldest sample of the topic, the group over its topics, the cluster", () => {
    const db = open();
    const writer = new HistoryWriter(db, 'c1');
    writer.append(cycle(5000, 10, 'a'));
    writer.append(cycle(3000, 10, 'b'));
    writer.append(cycle(9000, 11, 'a'));
    const reader = new HistoryReader(db, 'c1', writer.head);
    expect(reader.firstSampleMs('topic', { topic: 'a' })).toBe(5000);
    expect(reader.firstSampleMs('group-topic', { groupId: 'g' })).toBe(3000);
    expect(reader.firstSampleMs('cluster', {})).toBe(3000);
    expect(reader.firstSampleMs('topic', { topic: 'never-seen' })).toBeNull();
    expect(new HistoryReader(db, 'c2').firstSampleMs('cluster', {})).toBeNull();
  });

  it('keeps its data when the database is closed and opened again (a server restart)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watermark-history-'));
    dirs.push(dir);
    const first = open(dir);
    new HistoryWriter(first, 'c1').append(cycle(1000, 5));
    first.close();
    const again = open(dir);
    new HistoryWriter(again, 'c1').append(cycle(2000, 6));
    const rows = new HistoryReader(again, 'c1').partitionSamples(0)[0].rows;
    expect(rows.map((r) => r.highWatermark)).toEqual([5, 6]);
  });
});

describe('compactHistory', () => {
  const retention: HistoryRetention = {
    horizonMs: 24 * HOUR,
    rawHorizonMs: 2 * HOUR,
    tiers: [
      { afterMs: HOUR, stepMs: MINUTE, blockMs: HOUR },
      { afterMs: 6 * HOUR, stepMs: 10 * MINUTE, blockMs: 6 * HOUR },
    ],
  };

  /** Writes `record(t)` for t from `from` to `to` every `every` ms, sealing and compacting as the collector does. */
  function written(
    from: number,
    to: number,
    every: number,
    record: (t: number) => CycleRecord = (t) => cycle(t, t / 1000),
  ) {
    const db = open();
    const history = new ClusterHistory(db, 'c1', retention);
    for (let t = from; t <= to; t += every) history.record(record(t), t);
    return { db, history };
  }

  const topicRows = (history: ClusterHistory, to: number) =>
    history.reader.aggregates('topic', { topic: 't' }, 0, to)[0].rows;

  it('thins old aggregates to the last one per step and keeps recent ones at full resolution', () => {
    const now = 3 * HOUR;
    // One sample every 10 s for the last 3 hours.
    const { history } = written(10_000, now, 10_000);
    history.compactIfDue(now, true);
    const rows = topicRows(history, now);
    const old = rows.filter((r) => r.t < now - HOUR);
    const recent = rows.filter((r) => r.t >= now - HOUR);
    expect(old).toHaveLength(120); // 2 hours, one per minute
    expect(old.every((r) => (r.t + 10_000) % MINUTE === 0)).toBe(true); // the last sample of each minute
    expect(recent).toHaveLength(361); // both ends of the last hour included
    expect(recent.every((r, i) => r.endOffsetSum === r.t / 1000 && (i === 0 || r.t - recent[i - 1].t === 10_000))).toBe(
      true,
    );
  });

  it('keeps raw frames at full resolution up to the raw horizon, and the keyframe the oldest of them needs', () => {
    const db = open();
    const writer = new HistoryWriter(db, 'c1');
    const now = 3 * HOUR;
    for (let t = 10_000; t <= now; t += 10_000) writer.append(cycle(t, t / 1000));
    compactHistory(db, 'c1', now, retention);
    const rows = new HistoryReader(db, 'c1').partitionSamples(0)[0].rows;
    const kept = rows.filter((r) => r.t >= now - 2 * HOUR);
    expect(kept).toHaveLength(721); // 2 hours every 10 s, both ends
    expect(kept.every((r) => r.highWatermark === r.t / 1000)).toBe(true);
    // Before the horizon only the keyframe the first kept frame was written against (one per 10 minutes).
    const older = rows.filter((r) => r.t < now - 2 * HOUR);
    expect(older).toHaveLength(1);
    expect(now - 2 * HOUR - older[0].t).toBeLessThan(10 * MINUTE);
  });

  it('keeps the last complete aggregate of a step rather than a partial one after it', () => {
    const now = 3 * HOUR;
    const { history } = written(10_000, now, 10_000, (t) => {
      const record = cycle(t, t / 1000);
      // The last sample of every minute was partial: a partition not read.
      if ((t + 10_000) % MINUTE === 0)
        record.groupTopics[0] = {
          ...record.groupTopics[0],
          lag: null,
          flags: AGGREGATE_FLAGS.partial | AGGREGATE_FLAGS.lagUnknown,
        };
      return record;
    });
    history.compactIfDue(now, true);
    const [series] = history.reader.aggregates('group-topic', { groupId: 'g' }, 0, now);
    const old = series.rows.filter((r) => r.t < now - HOUR);
    expect(old).toHaveLength(120);
    expect(old.every((r) => r.flags === 0 && r.lag === 10 && (r.t + 20_000) % MINUTE === 0)).toBe(true);
  });

  it('thins older aggregates again at the coarser step', () => {
    const now = 12 * HOUR;
    const { history } = written(MINUTE, now, MINUTE);
    history.compactIfDue(now, true);
    const rows = topicRows(history, now);
    expect(rows.filter((r) => r.t < now - 6 * HOUR)).toHaveLength(36); // 6 hours at 10 minutes
    expect(rows.filter((r) => r.t >= now - 6 * HOUR)).toHaveLength(6 * 60 + 1); // one a minute as written, both ends
  });

  it('deletes samples past the horizon, and the series of a topic that is gone with them', () => {
    const db = open();
    const history = new ClusterHistory(db, 'c1', retention);
    history.record(cycle(1000, 1, 'deleted-topic'), 1000);
    // Compaction is due with this cycle (the last was more than 30 minutes ago).
    const result = history.record(cycle(30 * HOUR, 2, 'live-topic'), 30 * HOUR).compaction!;
    expect(history.reader.partitionSamples(0).map((s) => s.topic)).toEqual(['live-topic']);
    expect(history.reader.has('topic', { topic: 'deleted-topic' })).toBe(false);
    expect(history.reader.has('topic', { topic: 'live-topic' })).toBe(true);
    expect(result.deletedSeries).toBeGreaterThan(0);
  });

  it('keeps the history of a topic that disappeared until the horizon passes', () => {
    const db = open();
    const history = new ClusterHistory(db, 'c1', retention);
    history.record(cycle(HOUR, 1, 'gone'), HOUR);
    history.record(cycle(20 * HOUR, 2, 'live'), 20 * HOUR);
    history.compactIfDue(20 * HOUR, true);
    expect(history.reader.has('topic', { topic: 'gone' })).toBe(true);
    expect(history.reader.aggregates('topic', { topic: 'gone' }, 0, 20 * HOUR)[0].rows).toHaveLength(1);
  });

  it('resumes where it stopped: a second run over the same data removes nothing', () => {
    const { db, history } = written(10_000, 8 * HOUR, 10_000);
    history.compactIfDue(8 * HOUR, true);
    const before = count(db, 'aggregate_chunks');
    expect(history.compactIfDue(8 * HOUR, true)!.deletedRows).toBe(0);
    expect(count(db, 'aggregate_chunks')).toBe(before);
  });
});

describe('ClusterHistory', () => {
  it('stays bounded: a week of cycles keeps about a day and a half of aggregates per series and 6 hours of raw frames', () => {
    const db = open();
    const history = new ClusterHistory(db, 'c1', historyRetention({ horizonDays: 7, fullResolutionMinutes: 60 }));
    const now = 8 * 24 * HOUR;
    // Write sparsely (one sample per minute over 8 days) but compact as the collector does.
    for (let t = MINUTE; t <= now; t += MINUTE) history.record(cycle(t, t / 1000), t);
    history.compactIfDue(now, true);
    // Each aggregate series (topic, group and topic, cluster): the last day as written (one a
    // minute here), 6 days at 10 minutes.
    for (const [kind, filter] of [
      ['topic', { topic: 't' }],
      ['group-topic', { groupId: 'g' }],
      ['cluster', {}],
    ] as const) {
      const rows = history.reader.aggregates(kind, filter, 0, now)[0].rows;
      expect(rows.length).toBeLessThanOrEqual(24 * 60 + 6 * 144 + 3);
      expect(rows.length).toBeGreaterThanOrEqual(24 * 60 + 6 * 144 - 3);
      expect(rows[0].t).toBeGreaterThanOrEqual(now - 7 * 24 * HOUR - 10 * MINUTE);
    }
    // A chunk per series and block: at most a day of hours, and a week of six hours.
    expect(count(db, 'aggregate_chunks')).toBeLessThanOrEqual(3 * (24 + 7 * 4 + 1));
    // Raw frames: the last 6 hours, plus at most the keyframe the oldest needs.
    expect(count(db, 'raw_frames')).toBeGreaterThanOrEqual(6 * 60);
    expect(count(db, 'raw_frames')).toBeLessThanOrEqual(6 * 60 + 2);
    // 11,520 cycles with compaction: seconds on a loaded machine.
  }, 30_000);

  it('reports the cost of each write', () => {
    const history = new ClusterHistory(open(), 'c1', historyRetention({ horizonDays: 7, fullResolutionMinutes: 60 }));
    const stats = history.record(cycle(1000, 1), 1000);
    // Topic, group and topic, and cluster aggregates, and the raw frame.
    expect(stats.rows).toBe(4);
    expect(stats.frameBytes).toBeGreaterThan(0);
    expect(stats.writeMs).toBeGreaterThanOrEqual(0);
  });
});

describe('HistoryReader.forEachRawFrame', () => {
  it('visits every cycle of the last hour and one a minute before it, oldest first', () => {
    const db = open();
    const writer = new HistoryWriter(db, 'c1');
    const now = 3 * HOUR;
    for (let t = 10_000; t <= now; t += 10_000) writer.append(cycle(t, t / 1000));
    const seen: number[] = [];
    const visit = new HistoryReader(db, 'c1').forEachRawFrame(0, (f) => seen.push(f.t), {
      fullResolutionMs: HOUR,
      stepMs: MINUTE,
    });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.filter((t) => t >= now - HOUR)).toHaveLength(361);
    const older = seen.filter((t) => t < now - HOUR);
    expect(older).toHaveLength(120);
    expect(older.every((t) => (t + 10_000) % MINUTE === 0)).toBe(true);
    expect(visit).toEqual({ frames: 481, corrupt: 0 });
  });

  it('skips and counts a frame that does not decode, and the frames written against a lost keyframe', () => {
    const db = open();
    const writer = new HistoryWriter(db, 'c1');
    for (let t = 1000; t <= 5000; t += 1000) writer.append(cycle(t, t));
    db.prepare(`UPDATE raw_frames SET data = X'00ff' WHERE t = 3000`).run();
    const seen: number[] = [];
    expect(new HistoryReader(db, 'c1').forEachRawFrame(0, (f) => seen.push(f.t))).toEqual({ frames: 4, corrupt: 1 });
    expect(seen).toEqual([1000, 2000, 4000, 5000]);
    db.prepare('DELETE FROM raw_frames WHERE t = 1000').run();
    expect(new HistoryReader(db, 'c1').forEachRawFrame(0, () => undefined)).toEqual({ frames: 0, corrupt: 4 });
  });

  it('reloads the raw rows an older version wrote before the frames that followed', () => {
    const db = open();
    const insertSeries = db.prepare(
      "INSERT INTO series (cluster, kind, group_id, topic, partition) VALUES ('c1', ?, ?, 't', 0) RETURNING id",
    );
    const partitionId = (insertSeries.get('partition', '') as { id: number }).id;
    const commitId = (insertSeries.get('group-partition', 'g') as { id: number }).id;
    db.prepare('INSERT INTO partition_samples VALUES (?, 1000, 50, 0, 5000)').run(partitionId);
    db.prepare('INSERT INTO commit_samples VALUES (?, 1000, 40)').run(commitId);
    new HistoryWriter(db, 'c1').append(cycle(2000, 60));
    const reader = new HistoryReader(db, 'c1');
    expect(reader.partitionSamples(0)[0].rows).toEqual([
      { t: 1000, highWatermark: 50 },
      { t: 2000, highWatermark: 60 },
    ]);
    expect(reader.commitSamples(0)[0].rows).toEqual([
      { t: 1000, committedOffset: 40, owned: false },
      { t: 2000, committedOffset: 50, owned: true },
    ]);
    // And compaction empties the old rows once they pass the raw horizon.
    compactHistory(db, 'c1', 7 * HOUR);
    expect(count(db, 'partition_samples') + count(db, 'commit_samples')).toBe(0);
  });
});

describe('ClusterHistory head', () => {
  const retention = historyRetention({ horizonDays: 7, fullResolutionMinutes: 60 });

  it('holds rows in memory (and a pending row per cycle) until a whole hour has left the full-resolution span, then seals that hour thinned to one a minute', () => {
    const db = open();
    const history = new ClusterHistory(db, 'c1', retention);
    for (let t = 10_000; t < 2 * HOUR; t += 10_000) history.record(cycle(t, t / 1000), t);
    expect(count(db, 'aggregate_chunks')).toBe(0);
    expect(count(db, 'pending_aggregates')).toBe(719);
    const rows = history.reader.aggregates('topic', { topic: 't' }, 0, 2 * HOUR)[0].rows;
    expect(rows.map((r) => r.t)).toEqual(Array.from({ length: 719 }, (_, i) => (i + 1) * 10_000));
    expect(rows[0]).toEqual({ t: 10_000, ...cycle(10_000, 10).topics[0], topic: undefined });
    expect(history.reader.latestClusterRow()?.t).toBe(2 * HOUR - 10_000);
    expect(history.reader.firstSampleMs('group-topic', { groupId: 'g' })).toBe(10_000);

    // At 2 h the first hour is an hour past full resolution: sealed, a chunk for each of the
    // three series (topic, group and topic, cluster), its pending rows gone.
    const stats = history.record(cycle(2 * HOUR, 7200), 2 * HOUR);
    expect(stats.sealedRows).toBe(3 * 359);
    expect(count(db, 'aggregate_chunks')).toBe(3);
    expect(count(db, 'pending_aggregates')).toBe(361);
    const after = history.reader.aggregates('topic', { topic: 't' }, 0, 2 * HOUR)[0].rows;
    expect(after.filter((r) => r.t < HOUR).map((r) => r.t)).toEqual(
      Array.from({ length: 60 }, (_, i) => (i + 1) * MINUTE - 10_000),
    );
    expect(after.filter((r) => r.t >= HOUR)).toHaveLength(361);
    expect(history.reader.firstSampleMs('topic', { topic: 't' })).toBe(50_000);
    // Read by a reader without the head, the chunks alone.
    expect(new HistoryReader(db, 'c1').aggregates('topic', { topic: 't' }, 0, 2 * HOUR)[0].rows).toHaveLength(60);
    // A restart now rebuilds the head from the pending cycles left: each written against the
    // one before it in its hour, the first of an hour on its own.
    const restarted = new ClusterHistory(db, 'c1', retention);
    expect(restarted.reader.aggregates('topic', { topic: 't' }, 0, 2 * HOUR)[0].rows).toEqual(after);
  });

  it('reads back after a restart the rows a run had not sealed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watermark-history-'));
    dirs.push(dir);
    const first = open(dir);
    const before = new ClusterHistory(first, 'c1', retention);
    for (let t = 10_000; t <= MINUTE; t += 10_000) before.record(cycle(t, t / 1000), t);
    first.close(); // no flush: the process died
    const again = open(dir);
    const after = new ClusterHistory(again, 'c1', retention);
    expect(after.reader.aggregates('group-topic', { groupId: 'g' }, 0, HOUR)[0].rows).toHaveLength(6);
    after.record(cycle(70_000, 70), 70_000);
    expect(count(again, 'pending_aggregates')).toBe(7);
    expect(after.reader.aggregates('topic', { topic: 't' }, 0, HOUR)[0].rows.map((r) => r.endOffsetSum)).toEqual([
      10, 20, 30, 40, 50, 60, 70,
    ]);
  });

  it('writes a raw frame for the first cycle of each minute, and the last cycle’s when flushed before a stop', () => {
    const db = open();
    const history = new ClusterHistory(db, 'c1', retention);
    const written: number[] = [];
    for (let t = 10_000; t <= 3 * MINUTE + 20_000; t += 10_000) {
      if (history.record(cycle(t, t / 1000), t).frameBytes > 0) written.push(t);
    }
    expect(written).toEqual([10_000, MINUTE, 2 * MINUTE, 3 * MINUTE]);
    history.flush();
    const frames = history.reader.partitionSamples(0)[0].rows.map((r) => r.t);
    expect(frames).toEqual([10_000, MINUTE, 2 * MINUTE, 3 * MINUTE, 3 * MINUTE + 20_000]);
  });
});

describe('encodeCycleAggregates', () => {
  it('decodes to the series ids and samples it was given, nulls included', () => {
    const rows: CycleAggregates = [
      [3, { ...cycle(0, 5).cluster, partitionCount: 1 }],
      [9, { ...cycle(0, 5).cluster, lag: null, sizeBytes: null, maxTimeLagSeconds: null, flags: 5 }],
      [4, { ...cycle(0, 5).cluster, committedSum: null, lag: 12, maxTimeLagSeconds: 2.345 }],
    ];
    expect(decodeCycleAggregates(encodeCycleAggregates(1_700_000_000_000, rows))).toEqual(rows);
  });

  it('writes rows against the cycle before where it had the series, and needs that cycle to read them', () => {
    const t0 = 1_700_000_000_000;
    const first: CycleAggregates = [
      [3, { ...cycle(0, 5).cluster, partitionCount: 1 }],
      [9, { ...cycle(0, 5).cluster, lag: null, sizeBytes: null, maxTimeLagSeconds: null, flags: 5 }],
    ];
    const base = { t: t0, rows: new Map(first.map(([id, sample]) => [id, { ...sample, t: t0 }])) };
    const second: CycleAggregates = [
      [3, { ...cycle(0, 9).cluster, partitionCount: 2, maxTimeLagSeconds: 0.25 }],
      [9, { ...cycle(0, 4).cluster, committedSum: null }],
      [12, { ...cycle(0, 700).cluster }], // not in the cycle before
    ];
    const against = encodeCycleAggregates(t0 + 10_000, second, base);
    expect(decodeCycleAggregates(against, (t) => (t === t0 ? base : undefined))).toEqual(second);
    expect(() => decodeCycleAggregates(against)).toThrow(/need the cycle at 1700000000000/);
  });

  it('reads the JSON rows an older version stored', () => {
    const legacy = deflateRawSync(JSON.stringify([[3, 1, 50, 0, 40, 5000, 10, 1.5, 0]]));
    expect(decodeCycleAggregates(legacy)).toEqual([
      [
        3,
        {
          partitionCount: 1,
          endOffsetSum: 50,
          startOffsetSum: 0,
          committedSum: 40,
          sizeBytes: 5000,
          lag: 10,
          maxTimeLagSeconds: 1.5,
          flags: 0,
        },
      ],
    ]);
  });
});

describe('a history read by one replica while another writes it', () => {
  it('follows the cycles written since, and the seals that moved older ones into chunks', () => {
    const db = open();
    const retention = historyRetention({ horizonDays: 7, fullResolutionMinutes: 10 });
    const writer = new ClusterHistory(db, 'c1', retention);
    const start = 5 * HOUR;
    writer.record(cycle(start, 100), start);
    const reader = new ClusterHistory(db, 'c1', retention);
    const read = (history: ClusterHistory) =>
      history.reader.aggregates('topic', { topic: 't' }, 0, 10 * HOUR)[0]?.rows.map((r) => [r.t, r.endOffsetSum]);
    expect(read(reader)).toEqual([[start, 100]]);

    // Two hours of cycles: the writer seals the older ones into chunks as it goes.
    for (let i = 1; i <= 240; i++) writer.record(cycle(start + i * 30_000, 100 + i), start + i * 30_000);
    // The sealed chunks are in the database for both; the cycles since the last seal only in the writer's head.
    expect(read(reader)!.at(-1)).not.toEqual(read(writer)!.at(-1));
    reader.follow();
    expect(read(reader)).toEqual(read(writer));
    expect(read(writer)!.length).toBeGreaterThan(100);
    expect(reader.reader.latestClusterRow()).toEqual(writer.reader.latestClusterRow());
    // Nothing new: following again changes nothing.
    reader.follow();
    expect(read(reader)).toEqual(read(writer));
  });
});
