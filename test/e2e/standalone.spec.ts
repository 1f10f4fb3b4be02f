/**
 * The standalone server exactly as the image runs it: the tree `npm run standalone` makes
 * (from npm test's WATERMARK_STANDALONE=1 build) copied away from the project, started with
 * its own `node server.js` in a clean environment, its history in a data folder elsewhere.
 * Pages, API, metrics and history must work from it alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupHistoryResponse } from '@/lib/api/history-schemas';
import { ClustersResponse } from '@/lib/api/schemas';
import { HISTORY_FILE } from '@/lib/history/database';
import { makeStandaloneTree, tracedFiles } from '../../scripts/standalone-tree';
import { launchBrowser, pageErrors, screenshot } from '../helpers/browser';
import { eventually, LOCAL_BROKERS, testKafka, uniqueName } from '../helpers/local-cluster';
import { E2E_PORT } from '../helpers/next-global-setup';
import { withTempDir } from '../helpers/temp-dir';

const ROOT = path.resolve(__dirname, '..', '..');
const PORT = E2E_PORT + 8;
/** Project folders the server never reads: no trace may name a file in them. */
const NOT_SERVED = ['test', 'scripts', 'data', 'test-results', '.kafka'];
const URL_BASE = `http://127.0.0.1:${PORT}`;
const TOPIC = uniqueName('e2e-standalone');

describe('the standalone server, as the image runs it', { timeout: 180_000 }, () => {
  const dir = withTempDir('e2e-standalone');
  let tree: string;
  let treeBytes: number;
  let child: ChildProcess;
  let output = '';
  let browser: Browser;

  beforeAll(async () => {
    // Something to show whatever ran before: a topic, and a group behind on it (a total lag).
    const admin = testKafka().admin();
    await admin.connect();
    try {
      await admin.createTopics({
        topics: [{ topic: TOPIC, numPartitions: 1, replicationFactor: 3 }],
        waitForLeaders: true,
      });
      await admin.setOffsets({ groupId: `${TOPIC}-group`, topic: TOPIC, partitions: [{ partition: 0, offset: '0' }] });
    } finally {
      await admin.disconnect();
    }
    tree = dir.pathOf('app');
    treeBytes = makeStandaloneTree(tree);
    const config = dir.write(
      'watermark.json',
      JSON.stringify({ clusters: [{ id: 'default', brokers: LOCAL_BROKERS, pollIntervalMs: 1000 }] }),
    );
    fs.mkdirSync(dir.pathOf('data'));
    const startedAt = performance.now();
    // Only what the image sets: no NODE_OPTIONS, NODE_PATH or npm variables from this process.
    child = spawn(process.execPath, ['server.js'], {
      cwd: tree,
      env: {
        NODE_ENV: 'production',
        PATH: process.env.PATH,
        PORT: String(PORT),
        HOSTNAME: '127.0.0.1',
        WATERMARK_CONFIG: config,
        WATERMARK_DATA_DIR: dir.pathOf('data'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`server.js exited with ${child.exitCode}:\n${output}`);
        return (await fetch(`${URL_BASE}/api/health/live`).catch(() => null))?.ok || undefined;
      },
      'the standalone server to answer',
      60_000,
    );
    const answering = performance.now() - startedAt;
    await eventually(async () => {
      const { clusters } = ClustersResponse.parse(await (await fetch(`${URL_BASE}/api/clusters`)).json());
      return clusters[0]?.collectedAt ? true : undefined;
    }, 'the first cycle');
    const collected = performance.now() - startedAt;
    console.log(
      `standalone tree ${(treeBytes / 1024 / 1024).toFixed(1)} MiB; cold start: answering after ${Math.round(answering)} ms, first cycle published after ${Math.round(collected)} ms`,
    );
    browser = await launchBrowser();
  });

  /** A failure says what the server logged, the only trace of why once the run is over. */
  async function withServerOutput<T>(check: () => Promise<T>): Promise<T> {
    try {
      return await check();
    } catch (error) {
      throw new Error(
        `${(error as Error).message}\n--- server.js output (last 4000 characters) ---\n${output.slice(-4000)}`,
      );
    }
  }

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });

  it('holds the server and nothing of the project: no sources, tests, scripts or demo data', () => {
    for (const part of ['server.js', 'package.json', '.next/BUILD_ID', '.next/static', 'public/favicon.svg']) {
      expect(fs.existsSync(path.join(tree, part)), part).toBe(true);
    }
    for (const part of ['app', 'lib', 'components', 'test', 'scripts', 'data', 'docs', 'README.md', '.kafka']) {
      expect(fs.existsSync(path.join(tree, part)), part).toBe(false);
    }
    expect(fs.existsSync(path.join(tree, 'node_modules', 'better-sqlite3'))).toBe(true);
    expect(fs.existsSync(path.join(tree, 'node_modules', 'sharp'))).toBe(false);
    expect(treeBytes).toBeLessThan(80 * 1024 * 1024);
  });

  it("traces none of the project's tests, scripts, data or local Kafka, nor copies them into .next/standalone", () => {
    const traced = tracedFiles(ROOT);
    // The paths are the ones the traces mean: the SQLite binding the server loads is among them.
    expect(traced.some((file) => file.startsWith('node_modules/better-sqlite3/'))).toBe(true);
    const notServed = traced.filter((file) => NOT_SERVED.some((dir) => file.startsWith(`${dir}/`)));
    expect(notServed).toEqual([]);
    for (const dir of NOT_SERVED) {
      expect(fs.existsSync(path.join(ROOT, '.next', 'standalone', dir)), `.next/standalone/${dir}`).toBe(false);
    }
    const projectFiles = traced.filter((file) => !file.startsWith('node_modules/') && !file.startsWith('.next/'));
    console.log(`traced project files outside node_modules and .next: ${projectFiles.length}`);
  });

  it('serves the API, the metrics and the history, with the history in the data folder', async () => {
    const { clusters } = ClustersResponse.parse(await (await fetch(`${URL_BASE}/api/clusters`)).json());
    expect(clusters[0]).toMatchObject({ id: 'default', status: 'ok', brokersUp: 3 });
    const metrics = await fetch(`${URL_BASE}/api/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(/^watermark_build_info\{version="0\.1\.0",node_version="v\d+/m);
    expect(text).toContain('kafka_partition_latest_offset{');
    expect(metrics.headers.get('x-content-type-options')).toBe('nosniff');

    const group = encodeURIComponent(`${TOPIC}-group`);
    const points = await withServerOutput(() =>
      eventually(async () => {
        const history = GroupHistoryResponse.parse(
          await (await fetch(`${URL_BASE}/api/clusters/default/groups/${group}/history?range=15m`)).json(),
        );
        const collected = history.points.filter((p) => p.lag !== null);
        return collected.length >= 2 ? collected : undefined;
      }, "two history points of this file's group"),
    );
    expect(points.every((p) => p.lag === 0)).toBe(true);
    expect(points.length).toBeGreaterThanOrEqual(2);
    expect(fs.existsSync(path.join(dir.pathOf('data'), HISTORY_FILE))).toBe(true);
    expect(fs.existsSync(path.join(tree, 'data'))).toBe(false);
  });

  it('serves the pages with their scripts and styles', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = pageErrors(page);
    for (const urlPath of ['/', '/clusters/default', '/clusters/default/topics', `/clusters/default/topics/${TOPIC}`]) {
      const response = await page.goto(`${URL_BASE}${urlPath}`);
      expect(response?.status(), urlPath).toBe(200);
      await page.getByRole('navigation').first().waitFor();
    }
    // Client-side rendering ran: the browser filled in this file's topic's partitions.
    await withServerOutput(() => page.getByRole('table', { name: 'Partitions' }).waitFor({ timeout: 30_000 }));
    await screenshot(page, 'standalone-topics');
    expect(errors()).toEqual([]);
    await page.close();
  });
});
