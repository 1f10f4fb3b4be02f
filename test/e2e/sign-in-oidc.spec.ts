/**
 * Sign-in with OpenID Connect against a real provider (oidc-provider on loopback) and the
 * local cluster, watched under two ids: group platform operates every cluster, group team-a
 * only views its own. A deep link through the provider's login page and back, what each
 * role sees and may do, who made a silence, signing out at both ends, a login the provider
 * refuses and a session that runs out; and no console error or CSP violation on the way.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsResponse } from '@/lib/api/alert-schemas';
import { unknownClusterMessage } from '@/lib/api/not-found-messages';
import { SESSION_COOKIE } from '@/lib/auth/request-gate';
import { signInPage } from '@/lib/auth/session-responses';
import { launchBrowser, pageErrors, screenshot } from '../helpers/browser';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, LOCAL_BROKERS, sendWithRetry, sleep, uniqueName } from '../helpers/local-cluster';
import { E2E_PORT } from '../helpers/next-global-setup';
import { spawnNextServer, waitForNextServer, type NextServer } from '../helpers/next-server';
import { OIDC_TEST_USERS, startOidcProvider, type OidcTestProvider } from '../helpers/oidc-provider';
import { withTempDir } from '../helpers/temp-dir';

const PORT = E2E_PORT + 4;
const PUBLIC_URL = `http://127.0.0.1:${PORT}`;
const CLIENT = { clientId: 'watermark-e2e', clientSecret: 'e2e-client-secret' };
const SECRETS = { E2E_OIDC_CLIENT_SECRET: CLIENT.clientSecret, E2E_OIDC_SESSION_SECRET: 'e2e-session-secret' };
const FLOW_COOKIE = 'watermark_oidc_flow';
const ALERTS_PATH = '/clusters/team-a/alerts';
const downGroup = uniqueName('e2e-oidc-down');

const url = (path: string) => `${PUBLIC_URL}${path}`;

/** Both ids watch the local cluster; alerts fire at once, so a stopped group is an alert within a poll or two. */
function watermarkConfig(issuer: string, sessionMaxAgeSeconds: number): string {
  const cluster = (id: string) => ({ id, brokers: LOCAL_BROKERS, pollIntervalMs: 2000, alerts: { forSeconds: 0 } });
  return JSON.stringify({
    clusters: [cluster('platform-prod'), cluster('team-a')],
    publicUrl: PUBLIC_URL,
    auth: {
      mode: 'oidc',
      oidc: {
        issuer,
        clientId: CLIENT.clientId,
        clientSecret: { env: 'E2E_OIDC_CLIENT_SECRET' },
        scopes: ['openid', 'profile', 'groups'],
      },
      grants: [
        { group: 'platform', role: 'operator' },
        { group: 'team-a', role: 'viewer', clusters: ['team-a'] },
      ],
      sessionSecret: { env: 'E2E_OIDC_SESSION_SECRET' },
      sessionMaxAgeSeconds,
    },
  });
}

/** A browser profile of its own (its own cookies at both ends), and what went wrong on Watermark's pages. */
interface Visit {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors (pageErrors), and CSP violations on Watermark's pages. */
  errors: () => string[];
  /** Every URL the page navigated to, redirects included. */
  navigations: string[];
  cookie: (name: string) => Promise<string | undefined>;
}

describe('sign-in with OpenID Connect', { timeout: 90_000 }, () => {
  const dir = withTempDir('e2e-oidc');
  const fixture = useKafkaFixture('e2e-oidc');
  let provider: OidcTestProvider;
  let server: NextServer;
  let browser: Browser;

  async function startServer(sessionMaxAgeSeconds: number): Promise<NextServer> {
    const config = dir.write('watermark.json', watermarkConfig(provider.issuer, sessionMaxAgeSeconds));
    const env = { WATERMARK_CONFIG: config, WATERMARK_DATA_DIR: dir.pathOf(''), ...SECRETS };
    const started = spawnNextServer(PORT, env, dir.pathOf('server.log'));
    await waitForNextServer(started);
    // Collected once, so the API answers 200 rather than 503 "not collected yet" (health says
    // ready or not without a session).
    await eventually(async () => {
      const health = await fetch(url('/api/health'));
      return health.status === 200 ? true : undefined;
    }, 'every cluster to be collected once');
    return started;
  }

  beforeAll(async () => {
    provider = await startOidcProvider({
      port: E2E_PORT + 5,
      client: {
        ...CLIENT,
        redirectUris: [url('/auth/oidc/callback')],
        postLogoutRedirectUris: [url(signInPage('signed-out', '/'))],
      },
      users: OIDC_TEST_USERS,
    });
    server = await startServer(3600);
    browser = await launchBrowser();
    // A consumer that committed at 0 and left: consumer-down on both cluster ids.
    const topic = await fixture.createTopic(1);
    await fixture.admin.setOffsets({ groupId: downGroup, topic, partitions: [{ partition: 0, offset: '0' }] });
    await sendWithRetry(fixture.producer, { topic, messages: [{ value: 'one' }, { value: 'two' }] });
  });

  afterAll(async () => {
    await fixture.admin.deleteGroups([downGroup]).catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await provider?.close();
  });

  async function visit(expected404: (u: URL) => boolean = () => false): Promise<Visit> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    // The provider's pages @import a web font; there is no network here, and the look does not matter.
    await context.route(/^https:\/\/fonts\.(googleapis|gstatic)\.com\//, (route) =>
      route.fulfill({ status: 200, contentType: 'text/css', body: '' }),
    );
    const violations: string[] = [];
    await context.exposeBinding('reportCspViolation', (_source, text: string) => violations.push(text));
    await context.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(
          `${event.documentURI}: ${event.effectiveDirective} refused ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
        ),
      ),
    );
    const page = await context.newPage();
    const consoleErrors = pageErrors(page, expected404);
    const navigations: string[] = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigations.push(request.url());
    });
    return {
      context,
      page,
      navigations,
      errors: () => [...consoleErrors(), ...violations.filter((v) => v.startsWith(PUBLIC_URL))],
      cookie: async (name) => (await context.cookies(PUBLIC_URL)).find((c) => c.name === name)?.value,
    };
  }

  /** On the provider's login page: signs in as `login`; a new provider session asks for consent too. */
  async function loginAtProvider(page: Page, login: string, consent = true): Promise<void> {
    await page.locator('input[name="login"]').waitFor();
    expect(new URL(page.url()).origin).toBe(provider.issuer);
    await page.fill('input[name="login"]', login);
    await page.fill('input[name="password"]', 'not checked');
    await page.click('button[type="submit"]');
    if (!consent) return;
    await page.getByRole('heading', { name: 'Authorize' }).waitFor();
    await page.click('button[type="submit"]');
  }

  /** A visit signed in as `login`, starting from `path` and back on it. */
  async function signedIn(login: string, path: string, expected404?: (u: URL) => boolean): Promise<Visit> {
    const visited = await visit(expected404);
    await visited.page.goto(url(path));
    await loginAtProvider(visited.page, login);
    await visited.page.waitForURL(url(path));
    return visited;
  }

  const firingRow = (page: Page) =>
    page
      .getByTestId('alerts-firing')
      .locator(`[data-testid="alert-row"][data-rule="consumer-down"][data-group="${downGroup}"]`);

  it("takes alice from a deep link through the provider's login page back to it; she sees both clusters", async () => {
    const { context, page, errors, navigations, cookie } = await signedIn('alice', ALERTS_PATH);
    expect(navigations[0]).toBe(url(ALERTS_PATH));
    expect(navigations[1]).toBe(url(`/auth/oidc/start?next=${encodeURIComponent(ALERTS_PATH)}`));
    const authorize = new URL(navigations[2]);
    expect(authorize.origin + authorize.pathname).toBe(`${provider.issuer}/auth`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(url('/auth/oidc/callback'));
    expect(navigations.some((u) => u.startsWith(url('/auth/oidc/callback?')) && /[?&]code=/.test(u))).toBe(true);
    await expect(page.getByTestId('signed-in-user').innerText()).resolves.toBe('alice');
    await expect(cookie(SESSION_COOKIE)).resolves.toBeTruthy();
    await expect(cookie(FLOW_COOKIE)).resolves.toBeUndefined();

    await page.goto(url('/'));
    await page.getByTestId('cluster-platform-prod').getByText('brokers up').waitFor({ timeout: 30_000 });
    await page.getByTestId('cluster-team-a').getByText('brokers up').waitFor({ timeout: 30_000 });
    await expect(page.locator('.cluster-card').count()).resolves.toBe(2);
    expect(errors()).toEqual([]);
    await context.close();
  });

  it('lets alice, an operator, silence an alert on team-a; the silence says she made it', async () => {
    const { context, page, errors } = await signedIn('alice', ALERTS_PATH);
    const row = firingRow(page);
    await row.waitFor({ timeout: 60_000 });
    await row.getByRole('button', { name: 'Silence…' }).click();
    const form = row.getByRole('form', { name: 'Silence consumer-down' });
    await form.getByLabel('Comment (optional)').fill('e2e: made by alice');
    await form.getByRole('button', { name: 'Silence', exact: true }).click();
    const silenceRow = page.getByTestId('silence-row').filter({ hasText: downGroup });
    await silenceRow.waitFor();
    await expect(silenceRow.getByTestId('silence-created-by').innerText()).resolves.toBe('alice');
    await expect(silenceRow.getByRole('button', { name: /^Expire/ }).count()).resolves.toBe(1);
    await screenshot(page, 'oidc-alerts-alice');

    const response = await page.request.get(url('/api/clusters/team-a/alerts'));
    expect(response.status()).toBe(200);
    const { silences } = AlertsResponse.parse(await response.json());
    expect(silences.find((s) => s.match.group === downGroup)).toMatchObject({ source: 'ui', createdBy: 'alice' });
    expect(errors()).toEqual([]);
    await context.close();
  });

  it('shows bob, a viewer of team-a, only team-a, and offers and allows him no silence', async () => {
    const otherCluster = (u: URL) => u.pathname === '/clusters/platform-prod';
    const { context, page, errors } = await signedIn('bob', '/', otherCluster);
    await page.getByTestId('cluster-team-a').getByText('brokers up').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('signed-in-user').innerText()).resolves.toBe('bob');
    await expect(page.locator('.cluster-card').count()).resolves.toBe(1);

    // platform-prod answers as if it did not exist, page and API alike.
    const hidden = await page.goto(url('/clusters/platform-prod'));
    expect(hidden?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Cluster not found' }).waitFor();
    const api = await page.request.get(url('/api/clusters/platform-prod/topics'));
    expect(api.status()).toBe(404);
    await expect(api.json()).resolves.toEqual({ error: unknownClusterMessage('platform-prod') });
    expect((await page.request.get(url('/api/clusters/team-a/topics'))).status()).toBe(200);

    // The alert and alice's silence of the test before: there is something he could act on, were he allowed.
    await page.goto(url(ALERTS_PATH));
    await firingRow(page).waitFor({ timeout: 60_000 });
    const silenceRow = page.getByTestId('silence-row').filter({ hasText: downGroup });
    await expect(silenceRow.getByTestId('silence-created-by').innerText()).resolves.toBe('alice');
    await expect(silenceRow.innerText()).resolves.toContain('operators may end it');
    await expect(page.getByRole('button', { name: 'Silence…' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /^Expire/ }).count()).resolves.toBe(0);
    await screenshot(page, 'oidc-alerts-bob');

    const refused = await page.evaluate(async (group) => {
      const response = await fetch('/api/clusters/team-a/silences', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ match: { rule: 'consumer-down', group }, durationMinutes: 60 }),
      });
      return { status: response.status, body: (await response.json()) as { error: string } };
    }, downGroup);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('bob may not change silences on cluster "team-a": that needs the operator role');
    expect(errors().filter((e) => !/status of 403/.test(e))).toEqual([]);
    await context.close();
  });

  it('signs out at Watermark and at the provider: back on sign-in, and the next page asks for a login again', async () => {
    const { context, page, errors, navigations, cookie } = await signedIn('alice', '/clusters/team-a');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('button[name="logout"]').waitFor();
    const endSession = new URL(page.url());
    expect(endSession.origin).toBe(provider.issuer);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(url('/sign-in?reason=signed-out'));
    await page.click('button[name="logout"]');
    await page.waitForURL(url('/sign-in?reason=signed-out'));
    // Its links' prefetches too: a signed-out page must not fetch what would send it to the provider.
    await page.waitForLoadState('networkidle');
    await expect(page.locator('.sign-in [role="status"]').innerText()).resolves.toBe('You are signed out.');
    await expect(cookie(SESSION_COOKIE)).resolves.toBeUndefined();
    await screenshot(page, 'oidc-signed-out');

    navigations.length = 0;
    await page.goto(url('/clusters/team-a'));
    await page.locator('input[name="login"]').waitFor();
    expect(new URL(page.url()).origin).toBe(provider.issuer);
    expect(navigations[1]).toBe(url(`/auth/oidc/start?next=${encodeURIComponent('/clusters/team-a')}`));
    await expect(cookie(SESSION_COOKIE)).resolves.toBeUndefined();
    expect(errors()).toEqual([]);
    await context.close();
  });

  it('sends a login the provider does not know back to sign-in, refused, with no session', async () => {
    const { context, page, errors, cookie } = await visit();
    await page.goto(url('/sign-in'));
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'oidc-sign-in');
    await page.getByRole('link', { name: "Sign in with your organisation's account" }).click();
    await loginAtProvider(page, 'mallory', false);
    await page.waitForURL(url('/sign-in?reason=denied'));
    await page.waitForLoadState('networkidle');
    await expect(page.locator('.sign-in [role="alert"]').innerText()).resolves.toBe(
      'The sign-in was refused by the identity provider.',
    );
    await screenshot(page, 'oidc-sign-in-refused');
    await expect(cookie(SESSION_COOKIE)).resolves.toBeUndefined();
    await expect(cookie(FLOW_COOKIE)).resolves.toBeUndefined();
    expect((await page.request.get(url('/api/clusters'))).status()).toBe(401);
    expect(errors()).toEqual([]);
    await context.close();
  });

  it('ends a session after sessionMaxAgeSeconds: pages go back through the provider, the API answers 401', async () => {
    await server.stop();
    server = await startServer(10);
    const { context, page, errors, navigations, cookie } = await signedIn('bob', '/clusters/team-a');
    const session = (await context.cookies(PUBLIC_URL)).find((c) => c.name === SESSION_COOKIE)!;
    const expiresAtMs = session.expires * 1000;
    expect(expiresAtMs - Date.now()).toBeGreaterThan(5_000);
    expect(expiresAtMs - Date.now()).toBeLessThanOrEqual(10_000);
    expect((await page.request.get(url('/api/clusters/team-a/topics'))).status()).toBe(200);
    // Parked off the dashboard, whose polls would otherwise log the 401s to come.
    await page.goto('about:blank');
    await sleep(expiresAtMs - Date.now() + 1_000);

    // The server refuses the old cookie itself, not only the browser forgetting it.
    const stale = await fetch(url('/api/clusters/team-a/topics'), {
      headers: { cookie: `${SESSION_COOKIE}=${session.value}` },
    });
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { error: string }).error).toMatch(/the session has ended/);
    await expect(cookie(SESSION_COOKIE)).resolves.toBeUndefined();
    expect((await page.request.get(url('/api/clusters/team-a/topics'))).status()).toBe(401);

    navigations.length = 0;
    await page.goto(url('/clusters/team-a/topics'));
    // The provider still knows bob: it sends him straight back, with a new session.
    await page.waitForURL(url('/clusters/team-a/topics'));
    expect(navigations[1]).toBe(url(`/auth/oidc/start?next=${encodeURIComponent('/clusters/team-a/topics')}`));
    expect(navigations.some((u) => u.startsWith(`${provider.issuer}/auth`))).toBe(true);
    await expect(page.getByTestId('signed-in-user').innerText()).resolves.toBe('bob');
    const renewed = await cookie(SESSION_COOKIE);
    expect(renewed).toBeTruthy();
    expect(renewed).not.toBe(session.value);
    expect(errors()).toEqual([]);
    await context.close();
  });
});
