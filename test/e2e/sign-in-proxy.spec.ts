/**
 * auth.mode proxy: a reverse proxy in front (here a small one in the test, connecting from
 * 127.0.0.2, the only trusted address) names the user and groups in headers. The same
 * headers sent straight from 127.0.0.1 are ignored; groups map to roles per cluster.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SilenceView } from '@/lib/api/alert-schemas';
import { ClustersResponse } from '@/lib/api/schemas';
import { launchBrowser, pageErrors, screenshot } from '../helpers/browser';
import { eventually, LOCAL_BROKERS } from '../helpers/local-cluster';
import { E2E_PORT } from '../helpers/next-global-setup';
import { spawnNextServer, waitForNextServer, type NextServer } from '../helpers/next-server';
import { withTempDir } from '../helpers/temp-dir';

const PROXY_ADDRESS = '127.0.0.2';

/** A request to `url` from `localAddress` with the given headers; resolves with status and body. */
function requestFrom(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port, pathname, search } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { hostname, port, localAddress, path: pathname + search, method: init.method ?? 'GET', headers: init.headers },
      (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end(init.body);
  });
}

/**
 * What oauth2-proxy or Pomerium does after its own sign-in: drops the client's identity
 * headers, sets its own, forwards from its address.
 */
function startIdentityProxy(target: string, user: string, groups: string): Promise<http.Server> {
  const { hostname, port } = new URL(target);
  const server = http.createServer((incoming, outgoing) => {
    const headers = { ...incoming.headers };
    delete headers['x-forwarded-user'];
    delete headers['x-forwarded-groups'];
    const upstream = http.request(
      {
        hostname,
        port,
        localAddress: PROXY_ADDRESS,
        path: incoming.url,
        method: incoming.method,
        headers: { ...headers, host: `${hostname}:${port}`, 'x-forwarded-user': user, 'x-forwarded-groups': groups },
      },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('auth.mode proxy', { timeout: 180_000 }, () => {
  const dir = withTempDir('e2e-proxy');
  let server: NextServer;
  let browser: Browser;

  const identity = (user: string, groups: string) => ({ 'X-Forwarded-User': user, 'X-Forwarded-Groups': groups });
  const clusterIds = async (from: string, headers: Record<string, string>) => {
    const response = await requestFrom(from, `${server.url}/api/clusters`, { headers });
    return response.status === 200 ? ClustersResponse.parse(JSON.parse(response.body)).clusters.map((c) => c.id) : [];
  };
  const postSilence = (from: string, headers: Record<string, string>) =>
    requestFrom(from, `${server.url}/api/clusters/team-a/silences`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json', Origin: server.url },
      body: JSON.stringify({ match: { group: 'proxy-test-*' }, durationMinutes: 15 }),
    });

  beforeAll(async () => {
    const config = dir.write(
      'watermark.json',
      JSON.stringify({
        clusters: [
          { id: 'team-a', brokers: LOCAL_BROKERS, pollIntervalMs: 5000 },
          { id: 'platform', brokers: LOCAL_BROKERS, pollIntervalMs: 5000 },
        ],
        auth: {
          mode: 'proxy',
          proxy: { trustedProxies: [PROXY_ADDRESS] },
          grants: [
            { group: 'ops', role: 'operator' },
            { group: 'team-a', role: 'viewer', clusters: ['team-a'] },
          ],
        },
      }),
    );
    server = spawnNextServer(E2E_PORT + 7, { WATERMARK_CONFIG: config, WATERMARK_DATA_DIR: dir.pathOf('') });
    await waitForNextServer(server);
    await eventually(async () => {
      const response = await requestFrom(PROXY_ADDRESS, `${server.url}/api/clusters`, {
        headers: identity('pat', 'ops'),
      });
      const { clusters } = ClustersResponse.parse(JSON.parse(response.body));
      return clusters.length === 2 && clusters.every((c) => c.collectedAt) ? true : undefined;
    }, 'both cluster ids to be collected');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('ignores the identity headers from an address that is not the proxy', async () => {
    const direct = await requestFrom('127.0.0.1', `${server.url}/api/clusters`, { headers: identity('pat', 'ops') });
    expect(direct.status).toBe(401);
    expect(JSON.parse(direct.body)).toEqual({
      error: 'sign-in is done by the proxy in front of Watermark, and this request did not come through it',
    });
    expect((await postSilence('127.0.0.1', identity('pat', 'ops'))).status).toBe(401);
    const page = await requestFrom('127.0.0.1', `${server.url}/clusters/team-a`, { headers: identity('pat', 'ops') });
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/sign-in?next=%2Fclusters%2Fteam-a');
  });

  it('from the proxy, groups give roles per cluster: team-a views team-a only, ops operates everywhere', async () => {
    expect(await clusterIds(PROXY_ADDRESS, identity('tess', 'team-a'))).toEqual(['team-a']);
    expect(await clusterIds(PROXY_ADDRESS, identity('pat', 'staff, ops'))).toEqual(['team-a', 'platform']);
    // Known to the proxy, but in no group with a grant: sees nothing.
    expect(await clusterIds(PROXY_ADDRESS, identity('nora', 'marketing'))).toEqual([]);
    const hidden = await requestFrom(PROXY_ADDRESS, `${server.url}/api/clusters/platform/topics`, {
      headers: identity('tess', 'team-a'),
    });
    expect(hidden.status).toBe(404);

    const viewer = await postSilence(PROXY_ADDRESS, identity('tess', 'team-a'));
    expect(viewer.status).toBe(403);
    expect(JSON.parse(viewer.body)).toEqual({
      error: 'tess may not change silences on cluster "team-a": that needs the operator role',
    });
    const operator = await postSilence(PROXY_ADDRESS, identity('pat', 'ops'));
    expect(operator.status).toBe(201);
    expect(SilenceView.parse(JSON.parse(operator.body)).createdBy).toBe('pat');
  });

  it('a browser through the proxy sees the user from its headers; one it sends itself is replaced', async () => {
    const proxy = await startIdentityProxy(server.url, 'tess', 'team-a');
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      extraHTTPHeaders: identity('pat', 'ops'),
    });
    const page = await context.newPage();
    const errors = pageErrors(page);
    try {
      await page.goto(`${proxyUrl}/`);
      await page
        .getByRole('link', { name: /team-a/ })
        .first()
        .waitFor();
      expect(await page.locator('.user-menu').textContent()).toContain('tess');
      expect(await page.getByRole('link', { name: /platform/ }).count()).toBe(0);
      await page.goto(`${proxyUrl}/clusters/team-a/alerts`);
      await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
      expect(await page.getByRole('button', { name: /Silence/ }).count()).toBe(0);
      await screenshot(page, 'sign-in-proxy-viewer-alerts');
      expect(errors()).toEqual([]);
    } finally {
      await context.close();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});
