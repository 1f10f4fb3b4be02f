/**
 * What anyone on the network, or one odd name, could do to `next start`: a silence
 * pattern that made matching backtrack for minutes, group names that need %-encoding,
 * huge bodies, malformed paths and methods, foreign Host and Origin headers, a flood
 * of silences, and a history database that cannot be opened.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Admin, Kafka, Producer } from 'kafkajs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AlertsResponse, SilenceView } from '@/lib/api/alert-schemas';
import { GroupResponse } from '@/lib/api/schemas';
import { HISTORY_FILE } from '@/lib/history/database';
import { launchBrowser, pageErrors, screenshot } from '../helpers/browser';
import { parseLogLines } from '../helpers/log-capture';
import { E2E_PORT } from '../helpers/next-global-setup';
import { spawnNextServer, waitForNextServer } from '../helpers/next-server';
import { eventually, LOCAL_BROKERS, sendWithRetry, testKafka, uniqueName } from '../helpers/local-cluster';

const base = () => inject('baseUrl');
const SILENCES = '/api/clusters/default/silences';

/** A request with full control of the headers (fetch refuses to set Host); resolves on the response. */
function rawRequest(
  method: string,
  urlPath: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base());
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, method, path: urlPath, headers }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * POSTs `totalBytes` of JSON-typed spaces, and stops sending as soon as the server answers.
 * Declared: only the headers go out (Content-Length says the size) and the answer must come
 * without any body. Chunked: 1 MiB writes with back-pressure. Resolves with the status.
 */
function hugeUpload(totalBytes: number, declared: boolean): Promise<number> {
  const { hostname, port } = new URL(base());
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (declared) headers['Content-Length'] = String(totalBytes);
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request({ hostname, port, method: 'POST', path: SILENCES, headers }, (response) => {
      answered = true;
      response.resume();
      resolve(response.statusCode ?? 0);
      request.destroy();
    });
    request.on('error', (error) => (answered ? undefined : reject(error)));
    if (declared) return void request.flushHeaders();
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (!answered && sent < totalBytes) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

async function createSilence(body: unknown): Promise<Response> {
  return fetch(`${base()}${SILENCES}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const endSilence = (id: string) => fetch(`${base()}${SILENCES}/${id}`, { method: 'DELETE' });

/** Answers within `ms`, or fails: a server stuck in a backtracking match never does. */
const within = (urlPath: string, ms = 5000) => fetch(`${base()}${urlPath}`, { signal: AbortSignal.timeout(ms) });

describe('hostile input against next start', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let browser: Browser;
  const topic = uniqueName('e2e-hardening');
  const suffix = uniqueName('odd');
  const oddGroups = [`team a/ü:1@x-${suffix}`, `..%2f-${suffix}`];
  const lagging = uniqueName('e2e-lagging');

  beforeAll(async () => {
    kafka = testKafka();
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer();
    await producer.connect();
    browser = await launchBrowser();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
    await sendWithRetry(producer, { topic, messages: [{ value: 'a' }, { value: 'b' }] });
    for (const groupId of [...oddGroups, lagging]) {
      await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin?.disconnect();
  });

  it('stores a silence whose pattern made matching backtrack, and every endpoint still answers at once', async () => {
    // A group alert to match against: a group 2 messages behind, over its 1 s time-lag threshold.
    const apiAlerts = async () =>
      AlertsResponse.parse(await (await fetch(`${base()}/api/clusters/default/alerts`)).json());
    await eventually(
      async () => (await apiAlerts()).active.find((a) => a.rule === 'group-time-lag' && a.subject.group === lagging),
      'group-time-lag to fire for the lagging group',
      60_000,
    );
    const created = await createSilence({ match: { group: `${'*'.repeat(24)}x` }, durationMinutes: 60 });
    expect(created.status).toBe(201);
    const silence = SilenceView.parse(await created.json());
    try {
      // Two polls pass, so the alert evaluation has matched it against every alert, twice.
      await new Promise((resolve) => setTimeout(resolve, 4500));
      for (const urlPath of ['/api/health/live', '/api/metrics', '/api/alerts', '/api/clusters/default/alerts']) {
        expect((await within(urlPath)).status, urlPath).toBe(200);
      }
      expect((await within('/clusters/default/alerts')).status).toBe(200);
      const alert = (await apiAlerts()).active.find((a) => a.subject.group === lagging);
      expect(alert?.silencedBy).toBeNull();
    } finally {
      await endSilence(silence.id);
    }
    const tooMany = await createSilence({ match: { group: '*a'.repeat(11) }, durationMinutes: 60 });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: string }).error).toMatch(/more than 10 runs of \*/);
  });

  it('opens the pages of groups whose names need %-encoding, from the list and by URL', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = pageErrors(page, undefined, '/clusters/default/groups');
    for (const group of oddGroups) {
      await page.goto(`${base()}/clusters/default/groups?q=${encodeURIComponent(suffix)}`);
      const link = page.locator(`[data-testid="group-row"][data-group="${group.replace(/"/g, '\\"')}"] a`).first();
      await link.waitFor({ timeout: 30_000 });
      await link.click();
      await page.waitForURL((url) => url.pathname === `/clusters/default/groups/${encodeURIComponent(group)}`);
      await page.getByTestId('partition-row').first().waitFor({ timeout: 30_000 });
      await expect(page.locator('h1').textContent()).resolves.toBe(`Consumer group ${group}`);
      await expect(page.getByText('Consumer group not found').count()).resolves.toBe(0);
      // Opened directly by its URL as well (a link pasted in a chat).
      await page.goto(`${base()}/clusters/default/groups/${encodeURIComponent(group)}`);
      await page.getByTestId('partition-row').first().waitFor({ timeout: 30_000 });
      await expect(page.locator('h1').textContent()).resolves.toBe(`Consumer group ${group}`);
      const api = GroupResponse.parse(
        await (await fetch(`${base()}/api/clusters/default/groups/${encodeURIComponent(group)}`)).json(),
      );
      expect(api.groupId).toBe(group);
    }
    await screenshot(page, 'group-odd-name');
    expect(errors()).toEqual([]);
    await page.close();
  });

  it('refuses a 200 MB body, declared or chunked, without reading it into memory', async () => {
    const pid = inject('serverPid');
    const before = rssBytes(pid);
    expect(await hugeUpload(200 * 1024 * 1024, true)).toBe(413);
    expect(await hugeUpload(200 * 1024 * 1024, false)).toBe(413);
    const grownBytes = rssBytes(pid) - before;
    // Buffering the body grew the server by more than the body (231 → 795 MB before the fix).
    expect(grownBytes).toBeLessThan(64 * 1024 * 1024);
    expect((await within('/api/health/live')).status).toBe(200);
  });

  it('answers malformed %-encodings with 400 and TRACE with 405, logging no stack', async () => {
    const logBefore = fs.readFileSync(inject('serverLogFile'), 'utf8').length;
    for (const bad of ['%C3%28', '%FF%FE', '%zz', '%']) {
      for (const urlPath of [`/api/clusters/default/groups/${bad}`, `/clusters/default/groups/${bad}`]) {
        const response = await rawRequest('GET', urlPath);
        expect(response.status, urlPath).toBe(400);
        expect(JSON.parse(response.body)).toEqual({ error: 'malformed %-encoding in the path' });
      }
    }
    expect((await rawRequest('TRACE', '/api/metrics')).status).toBe(405);
    expect((await rawRequest('TRACE', '/')).status).toBe(405);
    const logged = fs.readFileSync(inject('serverLogFile'), 'utf8').slice(logBefore);
    expect(logged).not.toMatch(/Error|\n\s+at /);
  });

  it('answers only to its own host names, and refuses writes from another origin', async () => {
    expect((await rawRequest('GET', '/api/clusters', { Host: 'evil.example' })).status).toBe(403);
    expect((await rawRequest('GET', '/', { Host: 'evil.example:3100' })).status).toBe(403);
    const rebound = await rawRequest(
      'POST',
      SILENCES,
      { Host: 'evil.example', Origin: 'http://evil.example', 'Content-Type': 'application/json' },
      JSON.stringify({ match: { group: 'x' }, durationMinutes: 1 }),
    );
    expect(rebound.status).toBe(403);
    const crossSite = await rawRequest(
      'POST',
      SILENCES,
      { Origin: 'https://evil.example', 'Content-Type': 'application/json' },
      JSON.stringify({ match: { group: 'x' }, durationMinutes: 1 }),
    );
    expect(crossSite.status).toBe(403);
    expect((await rawRequest('GET', '/api/clusters', { Host: `localhost:${E2E_PORT}` })).status).toBe(200);
    expect((await rawRequest('GET', '/api/clusters', { Host: os.hostname() })).status).toBe(200);
  });

  it('caps silences, wants confirmAll for a match-everything one, and logs who made and ended each', async () => {
    const everything = await createSilence({ match: { rule: '*' }, durationMinutes: 60 });
    expect(everything.status).toBe(400);
    expect(((await everything.json()) as { error: string }).error).toMatch(/confirmAll: true/);
    const confirmed = await createSilence({ match: { rule: '*' }, durationMinutes: 1, confirmAll: true });
    expect(confirmed.status).toBe(201);
    const { id } = SilenceView.parse(await confirmed.json());
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect((await endSilence(id)).status).toBe(204);

    const made: string[] = [];
    let refused: Response | undefined;
    try {
      for (let i = 0; i < 150 && !refused; i++) {
        const response = await createSilence({ match: { group: `${suffix}-cap-${i}` }, durationMinutes: 5 });
        if (response.status === 201) made.push(SilenceView.parse(await response.json()).id);
        else refused = response;
      }
      expect(refused?.status).toBe(409);
      expect(((await refused!.json()) as { error: string }).error).toMatch(/at most 100/);
      const inEffect = AlertsResponse.parse(await (await fetch(`${base()}/api/clusters/default/alerts`)).json());
      expect(inEffect.silences.filter((s) => s.source === 'ui')).toHaveLength(100);
    } finally {
      for (const silenceId of made) await endSilence(silenceId);
    }
    const logged = parseLogLines(fs.readFileSync(inject('serverLogFile'), 'utf8')).filter((r) => r.silence === id);
    expect(logged.map((r) => r.msg)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^silence ${id} created on cluster default by anonymous \\(\\S*127\\.0\\.0\\.1\\): match \\{"rule":"\\*"\\} for 1 min$`,
        ),
      ),
      expect.stringMatching(
        new RegExp(`^silence ${id} ended on cluster default by anonymous \\(\\S*127\\.0\\.0\\.1\\)$`),
      ),
    ]);
    expect(logged[0]).toMatchObject({
      level: 'info',
      cluster: 'default',
      by: 'anonymous',
      match: { rule: '*' },
      durationMinutes: 1,
    });
  });
});

describe('a history database that cannot be opened', () => {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watermark-e2e-bad-history-'));
    fs.writeFileSync(path.join(dir, HISTORY_FILE), 'this is not SQLite '.repeat(500));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function configWith(history: Record<string, unknown>): string {
    const file = path.join(dir, `config-${Object.keys(history).length}.json`);
    fs.writeFileSync(file, JSON.stringify({ clusters: [{ id: 'default', brokers: LOCAL_BROKERS }], history }));
    return file;
  }

  it('stops the server with one line naming the file and the cause', async () => {
    const server = spawnNextServer(E2E_PORT + 1, { WATERMARK_CONFIG: configWith({}), WATERMARK_DATA_DIR: dir });
    const code = await Promise.race([
      server.exited,
      new Promise((resolve) => setTimeout(() => resolve('still running'), 60_000)),
    ]);
    await server.stop();
    expect(code).toBe(1);
    expect(parseLogLines(server.output())).toEqual([
      expect.objectContaining({
        level: 'fatal',
        msg: `${path.join(dir, HISTORY_FILE)}: cannot use the history database: file is not a database (SQLITE_NOTADB). Move the file away to start a new history, or set history.required: false to run without one.`,
      }),
    ]);
    expect(server.output()).not.toMatch(/\n\s+at /);
  });

  it('runs without history when history.required is false, with a banner on every page', async () => {
    const server = spawnNextServer(E2E_PORT + 1, {
      WATERMARK_CONFIG: configWith({ required: false }),
      WATERMARK_DATA_DIR: dir,
    });
    const browser = await launchBrowser();
    try {
      await waitForNextServer(server);
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${server.url}/clusters/default`);
      const banner = page.getByTestId('history-banner');
      await banner.waitFor({ timeout: 30_000 });
      await expect(banner.textContent()).resolves.toMatch(/History is off.*file is not a database/);
      await screenshot(page, 'history-off-banner');
      expect((await fetch(`${server.url}/api/health/live`)).status).toBe(200);
      expect(fs.readFileSync(path.join(dir, HISTORY_FILE), 'utf8')).toMatch(/^this is not SQLite/);
      // No sign-in, listening on every interface: said once.
      const openWarnings = parseLogLines(server.output()).filter((line) => line.component === 'auth');
      expect(openWarnings).toEqual([
        expect.objectContaining({
          level: 'warn',
          msg: expect.stringMatching(
            /^auth\.mode is none and the dashboard listens on :: port \d+: anyone who reaches it/,
          ),
        }),
      ]);
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});
