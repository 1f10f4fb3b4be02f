/**
 * The server with `history.postgres`: its history (and alerts, silences, timeline) in a
 * real PostgreSQL instead of the SQLite file, against the local cluster. Charts are read
 * from it, a restart reads back what was written before, no SQLite file is made, and a
 * PostgreSQL that cannot be reached stops the start with its address, never its password.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getClusterHistoryRoute } from '@/app/api/clusters/[cluster]/history/route';
import { ClusterHistoryResponse } from '@/lib/api/history-schemas';
import { getHistory, startRuntime, stopRuntime } from '@/lib/collector/runtime';
import { HISTORY_FILE, HistoryUnavailableError } from '@/lib/history/database';
import { SyncPostgres } from '@/lib/history/postgres/sync-postgres';
import { eventually, LOCAL_BROKERS, uniqueName } from '../helpers/local-cluster';
import { startPostgres, type RunningPostgres } from '../../scripts/local-postgres';
import { withTempDir } from '../helpers/temp-dir';

const PG_PORT = 17435;
const CLUSTER = uniqueName('pg-history');

describe('the server with its history in PostgreSQL', { timeout: 180_000 }, () => {
  const temp = withTempDir('watermark-pg-runtime');
  let postgres: RunningPostgres;

  beforeAll(async () => {
    postgres = await startPostgres(PG_PORT);
  });

  afterAll(async () => {
    await stopRuntime();
    await postgres?.stop();
  });

  const config = (name: string) =>
    temp.write(
      name,
      JSON.stringify({
        clusters: [{ id: CLUSTER, brokers: LOCAL_BROKERS, pollIntervalMs: 1000 }],
        history: { postgres: { url: { env: 'WM_TEST_HISTORY_URL' } } },
      }),
    );

  const start = (url: string) =>
    startRuntime({
      WATERMARK_CONFIG: config('watermark.json'),
      WATERMARK_DATA_DIR: temp.pathOf('data'),
      WM_TEST_HISTORY_URL: url,
    });

  /**
   * The cycles the history holds for the cluster (its cluster-wide rows, as the charts read
   * them), after checking the chart route answers from it.
   */
  async function storedCycles(): Promise<number[]> {
    const response = await getClusterHistoryRoute(new Request('http://localhost/?range=1h'), {
      params: Promise.resolve({ cluster: CLUSTER }),
    });
    if (response.status !== 200) return [];
    ClusterHistoryResponse.parse(await response.json());
    const series = getHistory(CLUSTER)?.reader.aggregates('cluster', {}, 0, Date.now()) ?? [];
    return series.flatMap((s) => s.rows.map((row) => row.t));
  }

  it('writes each cycle to PostgreSQL, draws charts from it, and reads it back after a restart', async () => {
    start(postgres.url);
    let before: number[];
    let stoppedAt: number;
    try {
      before = await eventually(async () => {
        const cycles = await storedCycles();
        return cycles.length >= 2 ? cycles : undefined;
      }, 'two cycles in the history');
      stoppedAt = Date.now();
    } finally {
      await stopRuntime();
    }

    const direct = new SyncPostgres({ connectionString: postgres.url });
    try {
      const { rows } = direct.query('SELECT count(*) AS n FROM pending_aggregates WHERE cluster = $1', [CLUSTER]);
      expect(rows[0].n).toBeGreaterThanOrEqual(2);
    } finally {
      await direct.close();
    }
    expect(fs.existsSync(temp.pathOf(`data/${HISTORY_FILE}`))).toBe(false);

    // A new process (a restart, or another replica) finds the earlier cycles.
    start(postgres.url);
    try {
      const after = await eventually(async () => {
        const cycles = await storedCycles();
        return cycles.some((t) => t > stoppedAt) ? cycles : undefined;
      }, 'a cycle after the restart');
      expect(after.filter((t) => t < stoppedAt)).toEqual(expect.arrayContaining(before));
    } finally {
      await stopRuntime();
    }
  });

  it('stops the start when PostgreSQL cannot be reached, naming where, never the password', async () => {
    const url = `postgres://watermark:hunter2-secret@127.0.0.1:${PG_PORT + 1}/watermark`;
    await stopRuntime();
    let error: unknown;
    try {
      start(url);
    } catch (failure) {
      error = failure;
    }
    expect(error).toBeInstanceOf(HistoryUnavailableError);
    const { message } = error as Error;
    expect(message).toMatch(
      new RegExp(
        `^postgres://127\\.0\\.0\\.1:${PG_PORT + 1}/watermark: cannot use the history database: PostgreSQL cannot be reached: .*ECONNREFUSED`,
      ),
    );
    expect(message).not.toContain('hunter2-secret');
  });
});
