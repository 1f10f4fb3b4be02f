/**
 * The history database failing under a running server, on the real cluster: a full
 * disk (SQLite's own "database or disk is full", provoked by capping the file's page
 * count) must not stop alerting, and must show in health, metrics and its own alert.
 * A database that cannot be opened at start stops the start with the path and the
 * cause, or, when the config allows it, runs without history.
 */
import fs from 'node:fs';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GET as getAllAlertsRoute } from '@/app/api/alerts/route';
import { GET as getAlertsRoute } from '@/app/api/clusters/[cluster]/alerts/route';
import { GET as getClusterHistoryRoute } from '@/app/api/clusters/[cluster]/history/route';
import { GET as getHealthRoute } from '@/app/api/health/route';
import { GET as getMetricsRoute } from '@/app/api/metrics/route';
import { AlertsResponse, AllAlertsResponse } from '@/lib/api/alert-schemas';
import { HealthResponse } from '@/lib/api/health';
import type { SqliteDatabase } from '@/lib/history/database';
import { startRuntime, stopRuntime } from '@/lib/collector/runtime';
import { HISTORY_FILE, HistoryUnavailableError, openHistoryDatabase } from '@/lib/history/database';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, LOCAL_BROKERS, sendWithRetry, uniqueName } from '../helpers/local-cluster';
import { withTempDir } from '../helpers/temp-dir';

const CLUSTER = uniqueName('history');
const LAGGING = uniqueName('lagging');

function configFile(temp: ReturnType<typeof withTempDir>, name: string, history: Record<string, unknown> = {}) {
  return temp.write(
    name,
    JSON.stringify({
      clusters: [
        {
          id: CLUSTER,
          brokers: LOCAL_BROKERS,
          pollIntervalMs: 1000,
          alerts: { forSeconds: 0, resolveAfterSeconds: 0, overrides: [{ group: `${LAGGING}*`, timeLagSeconds: 2 }] },
        },
      ],
      history,
    }),
  );
}

async function alerts(): Promise<AlertsResponse> {
  const response = await getAlertsRoute(new Request('http://localhost/'), {
    params: Promise.resolve({ cluster: CLUSTER }),
  });
  return AlertsResponse.parse(await response.json());
}

const firing = async (rule: string, group?: string) =>
  (await alerts()).active.find(
    (a) => a.rule === rule && a.status === 'firing' && (!group || a.subject.group === group),
  );

async function historyFailingMetric(): Promise<string | undefined> {
  const families = parsePrometheusTextFormat(
    await (await getMetricsRoute(new Request('http://127.0.0.1/api/metrics'))).text(),
  );
  return families
    .find((f) => f.name === 'watermark_history_write_failing')
    ?.metrics.find((m) => m.labels?.cluster_name === CLUSTER)?.value;
}

const health = async () =>
  HealthResponse.parse(await getHealthRoute(new Request('http://localhost/api/health')).json());

describe('a history database that fills up under a running server', { timeout: 240_000 }, () => {
  const fixture = useKafkaFixture('history');
  const temp = withTempDir('watermark-history-full');
  let runtime: ReturnType<typeof startRuntime>;
  /** This test's history is the SQLite file: its page limit stands in for a full disk. */
  const sqliteOf = (running: typeof runtime) => running.history.db as SqliteDatabase;

  beforeAll(() => {
    runtime = startRuntime({
      WATERMARK_CONFIG: configFile(temp, 'full.json'),
      WATERMARK_DATA_DIR: temp.pathOf('data'),
    });
  });
  afterAll(() => stopRuntime());

  it('keeps evaluating alerts, says so in health, metrics and its own alert, and recovers', async () => {
    await eventually(async () => ((await health()).clusters[0]?.ready ? true : undefined), 'a first good cycle');
    expect((await health()).history.status).toBe('ok');
    expect(await historyFailingMetric()).toBe('0');

    // The disk is full: no page may be added to the file from now on, and the free pages and
    // the room left in the pages each cycle writes to are taken, so the next cycle finds no
    // place: rows appended where the next raw frame would go (another cluster's name), and
    // where the next pending aggregates would go (this cluster, at times far ahead).
    const pages = sqliteOf(runtime).pragma('page_count', { simple: true }) as number;
    sqliteOf(runtime).pragma(`max_page_count = ${pages}`);
    const fillers = [
      sqliteOf(runtime).prepare(
        "INSERT INTO raw_frames (cluster, t, key_t, data) VALUES ('filler', ?, 0, randomblob(?))",
      ),
      sqliteOf(runtime).prepare(
        `INSERT INTO pending_aggregates (cluster, t, data) VALUES ('${CLUSTER}', 9e15 + ?, randomblob(?))`,
      ),
    ];
    let t = 0;
    for (const fill of fillers) {
      for (const size of [4000, 1000, 200, 20, 1]) {
        try {
          for (;;) fill.run(t++, size);
        } catch (error) {
          expect((error as Error).message).toMatch(/full/);
        }
      }
    }
    const topic = await fixture.createTopic(40);
    const failing = await eventually(
      async () => await firing('history-write-failed'),
      'history-write-failed to fire',
      30_000,
    );
    expect(failing).toMatchObject({ severity: 'warning', href: `/clusters/${CLUSTER}` });
    expect(failing.message).toMatch(/database or disk is full/);
    expect((await health()).history).toMatchObject({ status: 'failing', error: expect.stringMatching(/disk is full/) });
    expect((await health()).status).toBe('ready');
    expect(await historyFailingMetric()).toBe('1');
    const everyPage = AllAlertsResponse.parse(
      await getAllAlertsRoute(new Request('http://localhost/api/alerts')).json(),
    );
    expect(everyPage.history.status).toBe('failing');

    // A real condition arising while the disk is full still fires and resolves: a group
    // committed at 0 on a topic whose records are older than its 2 s time-lag threshold.
    await sendWithRetry(fixture.producer, {
      topic,
      messages: [
        { partition: 0, value: 'a' },
        { partition: 0, value: 'b' },
      ],
    });
    const groupId = `${LAGGING}-${topic}`;
    await fixture.admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] });
    await eventually(
      async () => await firing('group-time-lag', groupId),
      'group-time-lag to fire on a full disk',
      60_000,
    );
    await fixture.admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '2' }] });
    await eventually(
      async () =>
        (await alerts()).recent.some((a) => a.rule === 'group-time-lag' && a.subject.group === groupId)
          ? true
          : undefined,
      'group-time-lag to resolve on a full disk',
      60_000,
    );
    expect((await health()).history.status).toBe('failing');

    // Space again: writes resume and the history alert resolves.
    sqliteOf(runtime).pragma('max_page_count = 4294967294');
    await eventually(
      async () => ((await health()).history.status === 'ok' ? true : undefined),
      'history ok again',
      30_000,
    );
    await eventually(
      async () => ((await alerts()).active.some((a) => a.rule === 'history-write-failed') ? undefined : true),
      'history-write-failed to resolve',
      30_000,
    );
    expect(await historyFailingMetric()).toBe('0');
  });
});

describe('a history database that cannot be opened at start', () => {
  const temp = withTempDir('watermark-history-bad');
  afterEach(() => stopRuntime());

  /** A valid history file with some pages, cut to its first half. */
  function truncatedFile(dir: string): void {
    const db = openHistoryDatabase(dir);
    db.exec(`CREATE TABLE filler (x TEXT);
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
      INSERT INTO filler SELECT hex(randomblob(2000)) FROM n`);
    db.close();
    const file = `${dir}/${HISTORY_FILE}`;
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
  }

  const cases: [string, () => string, RegExp][] = [
    [
      'a file that is not a database',
      () => {
        const dir = temp.pathOf('garbage');
        fs.mkdirSync(dir);
        fs.writeFileSync(`${dir}/${HISTORY_FILE}`, 'this is not SQLite '.repeat(500));
        return dir;
      },
      /watermark\.sqlite: cannot use the history database: file is not a database/,
    ],
    [
      'a truncated file',
      () => {
        const dir = temp.pathOf('truncated');
        truncatedFile(dir);
        return dir;
      },
      /watermark\.sqlite: cannot use the history database: the file is cut short: \d+ bytes of \d+/,
    ],
    [
      'a data directory that is a file',
      () => temp.write('not-a-dir', 'x'),
      /not-a-dir: cannot create the data directory: .*EEXIST/,
    ],
    [
      'a database path that is a directory',
      () => {
        const dir = temp.pathOf('dir-in-place');
        fs.mkdirSync(`${dir}/${HISTORY_FILE}`, { recursive: true });
        return dir;
      },
      /dir-in-place\/watermark\.sqlite: cannot use the history database: EISDIR/,
    ],
    // procfs refuses new files even to root: an unwritable data directory.
    ['an unwritable data directory', () => '/proc/1', /\/proc\/1\/watermark\.sqlite: cannot use the history database/],
  ];

  for (const [what, make, message] of cases) {
    it(`stops the start naming the path and the cause: ${what}`, () => {
      const dataDir = make();
      const config = configFile(temp, `${what.replace(/\W+/g, '-')}.json`);
      let thrown: unknown;
      try {
        startRuntime({ WATERMARK_CONFIG: config, WATERMARK_DATA_DIR: dataDir });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(HistoryUnavailableError);
      expect((thrown as Error).message).toMatch(message);
    });
  }

  it('runs without history when the config says history.required: false, and says why everywhere', async () => {
    const dir = temp.pathOf('garbage-optional');
    fs.mkdirSync(dir);
    fs.writeFileSync(`${dir}/${HISTORY_FILE}`, 'not a database '.repeat(500));
    startRuntime({
      WATERMARK_CONFIG: configFile(temp, 'optional.json', { required: false }),
      WATERMARK_DATA_DIR: dir,
    });
    const ready = await eventually(async () => {
      const body = await health();
      return body.clusters[0]?.ready ? body : undefined;
    }, 'a first good cycle without history');
    expect(ready.history).toMatchObject({ status: 'off', error: expect.stringMatching(/file is not a database/) });
    const response = await getClusterHistoryRoute(new Request('http://localhost/?range=1h'), {
      params: Promise.resolve({ cluster: CLUSTER }),
    });
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: string }).error).toMatch(
      /no history is kept: .*file is not a database/,
    );
    // The file was left as it was: nothing is lost by running on.
    expect(fs.readFileSync(`${dir}/${HISTORY_FILE}`, 'utf8')).toMatch(/^not a database/);
    await eventually(async () => await firing('history-write-failed'), 'history-write-failed while history is off');
  });
});
