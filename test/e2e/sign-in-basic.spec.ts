/**
 * auth.mode basic against the real local cluster, watched under two cluster ids: HTTP Basic
 * and the sign-in form, a wrong password and an unknown user (told apart by nothing), a
 * viewer limited to one cluster, an operator whose silences carry their name into the
 * history database, API and metrics tokens, and the security headers of every page and
 * API route, signed in or not.
 */
import fs from 'node:fs';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsResponse, SilenceView } from '@/lib/api/alert-schemas';
import { ClustersResponse } from '@/lib/api/schemas';
import { HISTORY_FILE } from '@/lib/history/database';
import { launchBrowser, pageErrors, screenshot } from '../helpers/browser';
import { eventually, LOCAL_BROKERS } from '../helpers/local-cluster';
import { E2E_PORT } from '../helpers/next-global-setup';
import { spawnNextServer, waitForNextServer, type NextServer } from '../helpers/next-server';
import { withTempDir } from '../helpers/temp-dir';

const PASSWORDS = { vera: 'vera-viewer-pw', otto: 'otto-operator-pw' };
const API_TOKEN = 'ci-token-7f3a9c1e5b';
const OPERATOR_TOKEN = 'deploy-token-2b8e4d6f1a';
const METRICS_TOKEN = 'metrics-token-2d8e4b6a';
const APP_ROOT = path.resolve(__dirname, '..', '..', 'app');

const basic = (user: keyof typeof PASSWORDS, password = PASSWORDS[user]) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Every page and API route of the build, from app/: [url path with its parameters, methods]. */
function appRoutes(): { route: string; methods: string[] }[] {
  const routes: { route: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'page.tsx' || entry.name === 'route.ts') {
        const route = '/' + path.relative(APP_ROOT, dir).split(path.sep).join('/');
        const methods =
          entry.name === 'page.tsx'
            ? ['GET']
            : [
                ...fs.readFileSync(full, 'utf8').matchAll(/export (?:async )?function (GET|POST|DELETE|PUT|PATCH)\b/g),
              ].map((m) => m[1]);
        routes.push({ route: route === '/' ? '/' : route.replace(/\/$/, ''), methods });
      }
    }
  };
  walk(APP_ROOT);
  return routes;
}

function expectSecurityHeaders(response: Response, what: string) {
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).not.toContain('unsafe-eval');
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), what).toBe('same-origin');
  expect(response.headers.get('x-frame-options'), what).toBe('DENY');
  expect(response.headers.get('x-powered-by'), what).toBeNull();
}

describe('auth.mode basic', { timeout: 180_000 }, () => {
  const dir = withTempDir('e2e-basic');
  let server: NextServer;
  let browser: Browser;
  /** The silence otto made and ended, for the page to show. */
  let endedSilenceId = '';

  const call = (urlPath: string, init: RequestInit = {}) =>
    fetch(`${server.url}${urlPath}`, { redirect: 'manual', ...init });
  const json = (body: unknown, auth: string, origin = server.url): RequestInit => ({
    method: 'POST',
    headers: { Authorization: auth, 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify(body),
  });
  const silence = { match: { group: 'sign-in-test-*' }, durationMinutes: 30, comment: 'basic-mode test' };

  beforeAll(async () => {
    const hash = (password: string) => bcrypt.hashSync(password, 6);
    // otto comes from the users file, vera from the config.
    const usersFile = dir.write(
      'users.yaml',
      `- username: otto\n  passwordHash: '${hash(PASSWORDS.otto)}'\n  roles: [operator]\n`,
    );
    const config = dir.write(
      'watermark.json',
      JSON.stringify({
        clusters: [
          { id: 'team-a', brokers: LOCAL_BROKERS, pollIntervalMs: 5000 },
          { id: 'platform', brokers: LOCAL_BROKERS, pollIntervalMs: 5000 },
        ],
        auth: {
          mode: 'basic',
          users: [{ username: 'vera', passwordHash: hash(PASSWORDS.vera), roles: ['viewer'], clusters: ['team-a'] }],
          usersFile,
          tokens: [
            { name: 'ci', token: { env: 'WM_TEST_API_TOKEN' }, role: 'viewer', clusters: ['platform'] },
            { name: 'deploy-bot', token: { env: 'WM_TEST_OPERATOR_TOKEN' }, role: 'operator', clusters: ['platform'] },
          ],
          sessionSecret: { env: 'WM_TEST_SESSION_SECRET' },
        },
        metrics: { bearerToken: { file: dir.write('metrics-token', `${METRICS_TOKEN}\n`) } },
      }),
    );
    server = spawnNextServer(E2E_PORT + 6, {
      WATERMARK_CONFIG: config,
      WATERMARK_DATA_DIR: dir.pathOf(''),
      WM_TEST_API_TOKEN: API_TOKEN,
      WM_TEST_OPERATOR_TOKEN: OPERATOR_TOKEN,
      WM_TEST_SESSION_SECRET: 'a session secret only this test knows',
      LOG_LEVEL: 'info',
    });
    await waitForNextServer(server);
    await eventually(async () => {
      const response = await call('/api/clusters', { headers: { Authorization: basic('otto') } });
      const { clusters } = ClustersResponse.parse(await response.json());
      return clusters.every((c) => c.collectedAt) && clusters.length === 2 ? true : undefined;
    }, 'both cluster ids to be collected');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a wrong password and an unknown user with the same answer, and never says which', async () => {
    const wrong = await call('/api/clusters', { headers: { Authorization: basic('vera', 'not-her-password') } });
    const unknown = await call('/api/clusters', {
      headers: { Authorization: `Basic ${Buffer.from('nobody:whatever').toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Basic realm="Watermark", charset="UTF-8"');
    const [wrongBody, unknownBody] = [await wrong.text(), await unknown.text()];
    expect(wrongBody).toBe(unknownBody);
    expect(wrongBody).not.toMatch(/vera|nobody|exist|unknown user/i);

    // The form: both go back to the sign-in page with the same reason, and no cookie.
    const form = (username: string, password: string) =>
      call('/auth/basic', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
        body: new URLSearchParams({ username, password, next: '/clusters/team-a' }).toString(),
      });
    const [formWrong, formUnknown] = [await form('vera', 'nope'), await form('nobody', 'nope')];
    expect(formWrong.status).toBe(303);
    expect(formWrong.headers.get('location')).toBe('/sign-in?reason=failed&next=%2Fclusters%2Fteam-a');
    expect(formUnknown.headers.get('location')).toBe(formWrong.headers.get('location'));
    expect(formWrong.headers.get('set-cookie')).toBeNull();
    expect(formUnknown.headers.get('set-cookie')).toBeNull();
  });

  it('after 10 failed passwords for one name from one address, answers 429 without checking, for that name only', async () => {
    const guess = (user: string, password: string) =>
      call('/api/clusters', {
        headers: { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
      });
    for (let i = 0; i < 10; i++) expect((await guess('mallory', `guess-${i}`)).status).toBe(401);
    const throttled = await guess('mallory', 'guess-10');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(await throttled.json()).toEqual({
      error: expect.stringMatching(/^too many failed sign-ins from this address: try again in \d+ s$/),
    });
    // The form says so too, without a password check.
    const form = await call('/auth/basic', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
      body: new URLSearchParams({ username: 'mallory', password: 'guess-11' }).toString(),
    });
    expect(form.headers.get('location')).toBe('/sign-in?reason=throttled');
    // Other names from the same address are not held up.
    expect((await call('/api/clusters', { headers: { Authorization: basic('vera') } })).status).toBe(200);
  });

  it('a page without a session goes to the sign-in form; the API says 401 without a password prompt for browsers', async () => {
    const page = await call('/clusters/team-a/topics?sort=name');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/sign-in?next=%2Fclusters%2Fteam-a%2Ftopics%3Fsort%3Dname');
    const fromBrowser = await call('/api/clusters', {
      headers: { 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Dest': 'empty' },
    });
    expect(fromBrowser.status).toBe(401);
    expect(fromBrowser.headers.get('www-authenticate')).toBeNull();
    expect(await fromBrowser.json()).toEqual({
      error: 'not signed in: sign in first, or send an API token as Authorization: Bearer',
    });
  });

  it('a viewer limited to team-a sees only team-a: platform is a 404 on the API and the page', async () => {
    const auth = { Authorization: basic('vera') };
    const { clusters } = ClustersResponse.parse(await (await call('/api/clusters', { headers: auth })).json());
    expect(clusters.map((c) => c.id)).toEqual(['team-a']);
    for (const urlPath of ['/api/clusters/platform/topics', '/api/clusters/platform/alerts', '/clusters/platform']) {
      const response = await call(urlPath, { headers: auth });
      expect(response.status, urlPath).toBe(404);
      expect(await response.text(), urlPath).toContain('platform');
    }
    expect((await call('/api/clusters/team-a/topics', { headers: auth })).status).toBe(200);
    const alerts = (await (await call('/api/alerts', { headers: auth })).json()) as {
      active: { subject: { cluster: string } }[];
    };
    expect(alerts.active.every((a) => a.subject.cluster === 'team-a')).toBe(true);
    const health = (await (await call('/api/health', { headers: auth })).json()) as { clusters: { id: string }[] };
    expect(health.clusters.map((c) => c.id)).toEqual(['team-a']);
  });

  it('a viewer may not create or end a silence (403, on the server), an operator may, and both are recorded by name', async () => {
    const refused = await call('/api/clusters/team-a/silences', json(silence, basic('vera')));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: 'vera may not change silences on cluster "team-a": that needs the operator role',
    });

    const created = await call('/api/clusters/team-a/silences', json(silence, basic('otto')));
    expect(created.status).toBe(201);
    const made = SilenceView.parse(await created.json());
    expect(made.createdBy).toBe('otto');

    const end = (auth: string) =>
      call(`/api/clusters/team-a/silences/${made.id}`, {
        method: 'DELETE',
        headers: { Authorization: auth, Origin: server.url },
      });
    expect((await end(basic('vera'))).status).toBe(403);
    expect((await end(basic('otto'))).status).toBe(204);
    endedSilenceId = made.id;
    const alerts = AlertsResponse.parse(
      await (await call('/api/clusters/team-a/alerts', { headers: { Authorization: basic('vera') } })).json(),
    );
    expect(alerts.endedSilences.find((s) => s.id === made.id)).toMatchObject({ createdBy: 'otto', endedBy: 'otto' });

    const db = new Database(path.join(dir.pathOf(''), HISTORY_FILE), { readonly: true });
    try {
      const row = db.prepare('SELECT created_by, ended_by FROM silences WHERE public_id = ?').get(made.id);
      expect(row).toEqual({ created_by: 'otto', ended_by: 'otto' });
    } finally {
      db.close();
    }
    expect(server.output()).toMatch(new RegExp(`silence ${made.id} created on cluster team-a by otto`));
    expect(server.output()).not.toMatch(/auth\.mode is none/);
  });

  it('an API token carries its role and clusters; a wrong token is refused', async () => {
    const token = { Authorization: `Bearer ${API_TOKEN}` };
    const { clusters } = ClustersResponse.parse(await (await call('/api/clusters', { headers: token })).json());
    expect(clusters.map((c) => c.id)).toEqual(['platform']);
    expect((await call('/api/clusters/team-a/topics', { headers: token })).status).toBe(404);
    const post = await call('/api/clusters/platform/silences', json(silence, token.Authorization));
    expect(post.status).toBe(403);
    expect((await call('/api/clusters', { headers: { Authorization: `Bearer ${API_TOKEN}x` } })).status).toBe(401);
  });

  it('an operator token may silence its own cluster, recorded under its name, and no other', async () => {
    const bearer = `Bearer ${OPERATOR_TOKEN}`;
    const created = await call('/api/clusters/platform/silences', json(silence, bearer));
    expect(created.status).toBe(201);
    const made = SilenceView.parse(await created.json());
    expect(made.createdBy).toBe('token deploy-bot');
    const ended = await call(`/api/clusters/platform/silences/${made.id}`, {
      method: 'DELETE',
      headers: { Authorization: bearer, Origin: server.url },
    });
    expect(ended.status).toBe(204);
    expect((await call('/api/clusters/team-a/silences', json(silence, bearer))).status).toBe(404);
  });

  it('ignores a principal header sent by a client, and refuses a cross-site sign-out', async () => {
    const forged = await call('/api/clusters', {
      headers: { 'x-watermark-principal': JSON.stringify({ name: 'mallory', via: 'proxy', groups: ['ops'] }) },
    });
    expect(forged.status).toBe(401);
    const signOut = await call('/auth/sign-out', {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(signOut.status).toBe(403);
    expectSecurityHeaders(signOut, 'cross-site sign-out');
  });

  it('health answers without a session and says only ready or not; metrics need exactly the metrics token', async () => {
    const health = await call('/api/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ready' });
    expect((await call('/api/health/live')).status).toBe(200);

    expect((await call('/api/metrics')).status).toBe(401);
    expect((await call('/api/metrics', { headers: { Authorization: basic('otto') } })).status).toBe(401);
    expect((await call('/api/metrics', { headers: { Authorization: `Bearer ${API_TOKEN}` } })).status).toBe(401);
    const metrics = await call('/api/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('cluster_name="team-a"');
  });

  it('refuses a cross-site form POST and a text/plain POST to the silences API, even with a valid password', async () => {
    const crossSiteForm = await call('/api/clusters/team-a/silences', {
      method: 'POST',
      headers: {
        Authorization: basic('otto'),
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'https://evil.example',
      },
      body: 'match=x',
    });
    expect(crossSiteForm.status).toBe(403);
    expect(await crossSiteForm.json()).toEqual({ error: 'cross-site requests are not allowed' });

    const crossSiteJson = await call(
      '/api/clusters/team-a/silences',
      json(silence, basic('otto'), 'https://evil.example'),
    );
    expect(crossSiteJson.status).toBe(403);

    const textPlain = await call('/api/clusters/team-a/silences', {
      method: 'POST',
      headers: { Authorization: basic('otto'), 'Content-Type': 'text/plain', Origin: server.url },
      body: JSON.stringify(silence),
    });
    expect(textPlain.status).toBe(415);
    expect(await textPlain.json()).toEqual({ error: 'send the body as JSON with Content-Type: application/json' });

    // Signing in from another site (login CSRF) is refused too.
    const crossSiteSignIn = await call('/auth/basic', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
      body: new URLSearchParams({ username: 'otto', password: PASSWORDS.otto }).toString(),
    });
    expect(crossSiteSignIn.status).toBe(403);
    expect(crossSiteSignIn.headers.get('set-cookie')).toBeNull();
  });

  it('every page and API route sends the security headers, signed in or not, and no error tells a version or a stack', async () => {
    const { clusters } = ClustersResponse.parse(
      await (await call('/api/clusters', { headers: { Authorization: basic('otto') } })).json(),
    );
    expect(clusters.length).toBe(2);
    const topics = (await (
      await call('/api/clusters/team-a/topics', { headers: { Authorization: basic('otto') } })
    ).json()) as { topics: { name: string }[] };
    const parameters: Record<string, string> = {
      cluster: 'team-a',
      topic: topics.topics[0]?.name ?? 'no-topic',
      group: 'no-such-group',
      id: 'no-such-silence',
    };
    const routes = appRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(29);
    const checked: string[] = [];
    for (const { route, methods } of routes) {
      const urlPath = route.replace(/\[(\w+)\]/g, (_, name: string) => {
        expect(parameters, `a value for [${name}] in ${route}`).toHaveProperty(name);
        return encodeURIComponent(parameters[name]);
      });
      for (const method of methods) {
        for (const auth of [basic('otto'), null]) {
          const headers: Record<string, string> = { Origin: server.url };
          if (auth) headers.Authorization = auth;
          if (method !== 'GET') headers['Content-Type'] = 'application/json';
          const response = await call(urlPath, { method, headers, body: method === 'GET' ? undefined : '{' });
          const what = `${method} ${urlPath} ${auth ? 'as otto' : 'anonymous'} → ${response.status}`;
          expectSecurityHeaders(response, what);
          expect(response.status, what).toBeLessThan(500);
          if (response.status >= 400) {
            const body = await response.text();
            expect(body, what).not.toMatch(/\n\s+at |node_modules|webpack|Next\.js|0\.1\.0|v20\./);
          } else await response.arrayBuffer();
          checked.push(what);
        }
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(2 * routes.length);
  });

  it('the sign-in form signs in the browser with an HttpOnly, SameSite=Lax cookie and goes back where it was going', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    try {
      await page.goto(`${server.url}/clusters/team-a/alerts`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await page.fill('input[name="username"]', 'otto');
      await page.fill('input[name="password"]', 'wrong');
      await page.click('button[type="submit"]');
      await page.getByText('Wrong user name or password.').waitFor();
      await screenshot(page, 'sign-in-basic-failed');

      await page.fill('input[name="username"]', 'otto');
      await page.fill('input[name="password"]', PASSWORDS.otto);
      await page.click('button[type="submit"]');
      await page.waitForURL(`${server.url}/clusters/team-a/alerts`);
      await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
      expect(await page.locator('.user-menu').textContent()).toContain('otto');
      const [cookie] = (await context.cookies()).filter((c) => c.name === 'watermark_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
      expect(cookie.value).not.toContain('otto');
      const ended = page.locator(`[data-testid="ended-silence-row"][data-silence-id="${endedSilenceId}"]`);
      expect(await ended.getByTestId('silence-created-by').textContent()).toBe('otto');
      expect(await ended.getByTestId('silence-ended-by').textContent()).toMatch(/^ended .* ago \(.*\) by otto$/);
      await screenshot(page, 'sign-in-basic-alerts');

      // The cookie is sealed: change one character and it is nobody's.
      const tampered = cookie.value.slice(0, -2) + (cookie.value.endsWith('A') ? 'B' : 'A') + cookie.value.slice(-1);
      const response = await call('/api/clusters', { headers: { Cookie: `watermark_session=${tampered}` } });
      expect(response.status).toBe(401);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/sign-in\?reason=signed-out/);
      await page.getByText('You are signed out.').waitFor();
      expect((await context.cookies()).some((c) => c.name === 'watermark_session')).toBe(false);
      expect(errors()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
