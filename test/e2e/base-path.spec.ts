/**
 * Watermark behind a real nginx at /watermark/, as teams put it behind their reverse proxy:
 * the build made for that path (npm test builds it beside the default one) with sign-in on.
 * Every request the browser makes stays under the path (pages, scripts, API calls, the
 * icon), sign-in and sign-out redirects and the session cookie keep to it, the API and
 * metrics answer through the proxy, and nothing is served outside it.
 */
import http from 'node:http';
import bcrypt from 'bcryptjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClustersResponse, GroupResponse } from '@/lib/api/schemas';
import { BASE_PATH_BUILD_ENV } from '../../scripts/base-path-build';
import { launchBrowser, pageErrors, screenshot } from '../helpers/browser';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, LOCAL_BROKERS, uniqueName } from '../helpers/local-cluster';
import { E2E_PORT } from '../helpers/next-global-setup';
import { spawnNextServer, waitForNextServer, type NextServer } from '../helpers/next-server';
import { startNginx, type RunningNginx } from '../helpers/nginx';
import { withTempDir } from '../helpers/temp-dir';

const PREFIX = BASE_PATH_BUILD_ENV.WATERMARK_BASE_PATH;
const NGINX_PORT = 17080;
const PASSWORD = 'otto-behind-the-proxy';
const basic = `Basic ${Buffer.from(`otto:${PASSWORD}`).toString('base64')}`;

/** The status of a GET sent with exactly this path (fetch would resolve its dot segments first). */
function rawStatus(port: number, rawPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: rawPath, headers: { Authorization: basic } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    request.on('error', reject);
  });
}

describe(`behind nginx at ${PREFIX}/`, { timeout: 180_000 }, () => {
  const fixture = useKafkaFixture('e2e-base-path');
  const groupId = uniqueName('e2e-base-path-group');
  const dir = withTempDir('e2e-base-path');
  const serverPort = E2E_PORT + 9;
  let server: NextServer;
  let nginx: RunningNginx;
  let browser: Browser;
  let topic: string;
  /** Through the proxy: http://127.0.0.1:17080/watermark */
  let site: string;

  beforeAll(async () => {
    topic = await fixture.createTopic(2);
    await fixture.producer.send({ topic, messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    await fixture.admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] });
    const config = dir.write(
      'watermark.json',
      JSON.stringify({
        clusters: [{ id: 'default', brokers: LOCAL_BROKERS, pollIntervalMs: 2000 }],
        publicUrl: `http://127.0.0.1:${NGINX_PORT}${PREFIX}`,
        auth: {
          mode: 'basic',
          users: [{ username: 'otto', passwordHash: bcrypt.hashSync(PASSWORD, 6), roles: ['operator'] }],
          sessionSecret: { env: 'WM_TEST_SESSION_SECRET' },
        },
      }),
    );
    server = spawnNextServer(serverPort, {
      ...BASE_PATH_BUILD_ENV,
      WATERMARK_CONFIG: config,
      WATERMARK_DATA_DIR: dir.pathOf(''),
      WM_TEST_SESSION_SECRET: 'a session secret only this test knows',
    });
    await waitForNextServer(server);
    nginx = await startNginx(NGINX_PORT, PREFIX, `http://127.0.0.1:${serverPort}`);
    site = `${nginx.url}${PREFIX}`;
    await eventually(async () => {
      const response = await fetch(`${site}/api/clusters/default/groups/${encodeURIComponent(groupId)}`, {
        headers: { Authorization: basic },
      });
      return response.ok ? true : undefined;
    }, 'the collector to see the group, through the proxy');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await nginx?.stop();
    await server?.stop();
    await fixture.admin.deleteGroups([groupId]).catch(() => undefined);
  });

  it('answers the API, health and metrics under the path, through the proxy, and nothing outside it', async () => {
    const clusters = ClustersResponse.parse(
      await (await fetch(`${site}/api/clusters`, { headers: { Authorization: basic } })).json(),
    );
    expect(clusters.clusters.map((c) => c.id)).toEqual(['default']);
    const group = GroupResponse.parse(
      await (
        await fetch(`${site}/api/clusters/default/groups/${encodeURIComponent(groupId)}`, {
          headers: { Authorization: basic },
        })
      ).json(),
    );
    expect(group.groupId).toBe(groupId);
    expect((await fetch(`${site}/api/clusters`)).status).toBe(401);
    expect((await fetch(`${site}/api/health/live`)).status).toBe(200);
    const metrics = await fetch(`${site}/api/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain(`watermark_cluster_up{cluster_name="default"} 1`);

    // The server itself serves nothing outside its path, signed in or not.
    for (const outside of ['/api/health/live', '/api/clusters', '/', '/sign-in', '/favicon.svg']) {
      const response = await fetch(`http://127.0.0.1:${serverPort}${outside}`, { headers: { Authorization: basic } });
      expect(response.status, outside).toBe(404);
    }
    for (const raw of [
      `${PREFIX}/../api/clusters`,
      `${PREFIX}/sign-in/../../api/clusters`,
      `${PREFIX}s/api/clusters`,
    ]) {
      expect(await rawStatus(serverPort, raw), raw).toBe(404);
    }
  });

  it('signs in, shows the group and topics with data from the API, and signs out, all under the path', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const groupPage = `/clusters/default/groups/${encodeURIComponent(groupId)}`;
    try {
      await page.goto(`${site}${groupPage}`);
      expect(new URL(page.url()).pathname).toBe(`${PREFIX}/sign-in`);
      expect(new URL(page.url()).searchParams.get('next')).toBe(groupPage);
      await page.fill('input[name="username"]', 'otto');
      await page.fill('input[name="password"]', PASSWORD);
      await page.click('button[type="submit"]');
      await page.waitForURL(`${site}${groupPage}`);
      await page.getByRole('heading', { name: `Consumer group ${groupId}` }).waitFor({ timeout: 30_000 });
      // The partition rows come from the browser's own API calls, through the proxy.
      await page.getByRole('cell', { name: topic }).first().waitFor({ timeout: 30_000 });
      expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe(`${PREFIX}/favicon.svg`);
      const [cookie] = (await context.cookies()).filter((c) => c.name === 'watermark_session');
      expect(cookie).toMatchObject({ httpOnly: true, path: PREFIX });
      await screenshot(page, 'base-path-group');

      await page.getByRole('link', { name: 'Topics', exact: true }).click();
      await page.waitForURL(`${site}/clusters/default/topics`);
      await page.getByRole('link', { name: topic, exact: true }).waitFor({ timeout: 30_000 });
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, 'base-path-topics-phone');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${site}/sign-in?reason=signed-out`);
      await page.getByText('You are signed out.').waitFor();
      expect((await context.cookies()).some((c) => c.name === 'watermark_session')).toBe(false);

      const apiCalls = requested.filter((url) => new URL(url).pathname.startsWith(`${PREFIX}/api/`));
      expect(apiCalls.length).toBeGreaterThan(0);
      const outside = requested.filter((url) => {
        const { origin, pathname } = new URL(url);
        return origin !== nginx.url || !(pathname === PREFIX || pathname.startsWith(`${PREFIX}/`));
      });
      expect(outside).toEqual([]);
      expect(nginx.requests().filter((line) => line.endsWith(' 404'))).toEqual([]);
      expect(errors()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
