import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { authSettings, type AuthSettings } from '@/lib/auth/auth-settings';
import { ANONYMOUS_OPERATOR, canOperate, canView, type Principal } from '@/lib/auth/principal';
import { encodePrincipal, PRINCIPAL_HEADER } from '@/lib/auth/principal-header';
import {
  authenticate,
  decide,
  routedPath,
  SESSION_COOKIE,
  type GateDecision,
  type GateRequest,
  type SessionClaims,
} from '@/lib/auth/request-gate';
import { sessionCookie } from '@/lib/auth/session-responses';
import { isThrottled } from '@/lib/auth/sign-in-throttle';
import { AuthConfig } from '@/lib/config/auth-schema';
import type { SecretRef } from '@/lib/config/secret-ref';

const NOW_MS = Date.UTC(2025, 0, 1);
const adaHash = bcrypt.hashSync('correct horse', 4);

const ENV = {
  SESSION_SECRET: 'a long and random session secret',
  CI_TOKEN: 'ci-token-0123456789',
  METRICS_TOKEN: 'metrics-token-0123456789',
};

/** Grants and tokens every signed-in mode below shares. */
const SIGNED_IN = {
  sessionSecret: { env: 'SESSION_SECRET' },
  sessionMaxAgeSeconds: 3600,
  grants: [
    { group: 'sre', role: 'operator' },
    { group: 'devs', role: 'viewer', clusters: ['staging'] },
  ],
  tokens: [{ name: 'ci', token: { env: 'CI_TOKEN' }, role: 'viewer', clusters: ['prod'] }],
};

interface Extra {
  metricsToken?: SecretRef;
  env?: Record<string, string>;
}

function settingsOf(auth: Record<string, unknown>, { metricsToken, env = ENV }: Extra = {}): AuthSettings {
  return authSettings({ auth: AuthConfig.parse(auth), metricsToken, publicUrl: 'https://dash.example.com' }, env);
}

const basicSettings = (extra: Extra = {}) =>
  settingsOf(
    {
      mode: 'basic',
      users: [{ username: 'ada', passwordHash: adaHash, roles: ['operator'], clusters: ['prod'] }],
      ...SIGNED_IN,
    },
    extra,
  );
const oidcSettings = () =>
  settingsOf({ mode: 'oidc', oidc: { issuer: 'https://id.example.com', clientId: 'wm' }, ...SIGNED_IN });
const proxySettings = () =>
  settingsOf({ mode: 'proxy', proxy: { userHeader: 'X-Auth-User', trustedProxies: ['10.0.0.0/8'] }, ...SIGNED_IN });
const noneSettings = (extra: Extra = {}) => settingsOf({ mode: 'none' }, extra);

function request(url: string, overrides: Partial<GateRequest> = {}): GateRequest {
  return { method: 'GET', url, headers: {}, peer: '127.0.0.1', ...overrides };
}

/** Authenticates and decides, as the request guard does. */
async function gate(req: GateRequest, settings: AuthSettings, nowMs = NOW_MS, basePath = ''): Promise<GateDecision> {
  const found = await authenticate(req, settings, nowMs);
  if (isThrottled(found)) throw new Error(`throttled: ${JSON.stringify(found)}`);
  return decide(req, found, settings, basePath);
}

/** The Cookie header value of a session for these claims, made at `madeAtMs`. */
function sessionCookieHeader(claims: SessionClaims, settings: AuthSettings, madeAtMs = NOW_MS): string {
  return sessionCookie(claims, settings, madeAtMs).split(';')[0];
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const basicHeader = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

describe('routedPath', () => {
  it('drops the query and fragment and resolves dot segments, also %-encoded ones and backslashes', () => {
    expect(routedPath('/api/clusters?x=1#y')).toBe('/api/clusters');
    expect(routedPath('/api/../api/clusters')).toBe('/api/clusters');
    expect(routedPath('/auth/%2e%2e/api/clusters')).toBe('/api/clusters');
    expect(routedPath('/auth\\..\\api\\clusters')).toBe('/api/clusters');
  });

  it('reads a target without a leading slash as a path from the root', () => {
    expect(routedPath('api/clusters')).toBe('/api/clusters');
  });
});

describe('authenticate', () => {
  it('answers the anonymous operator at once in mode none, whatever was sent', () => {
    expect(authenticate(request('/api/clusters'), noneSettings(), NOW_MS)).toBe(ANONYMOUS_OPERATOR);
    expect(authenticate(request('/api/clusters', { headers: bearer('nonsense') }), noneSettings(), NOW_MS)).toBe(
      ANONYMOUS_OPERATOR,
    );
  });

  it('finds nobody behind a request without credentials in a signed-in mode', () => {
    for (const settings of [basicSettings(), oidcSettings(), proxySettings()]) {
      expect(authenticate(request('/api/clusters'), settings, NOW_MS), settings.mode).toBeNull();
    }
  });

  it('ignores a principal header sent by the client', () => {
    const forged = { [PRINCIPAL_HEADER]: encodePrincipal(ANONYMOUS_OPERATOR) };
    expect(authenticate(request('/api/clusters', { headers: forged }), basicSettings(), NOW_MS)).toBeNull();
  });

  describe('with an API token', () => {
    it('gives the token’s role on its clusters', () => {
      const principal = authenticate(
        request('/api/clusters', { headers: bearer(ENV.CI_TOKEN) }),
        basicSettings(),
        NOW_MS,
      );
      expect(principal).toEqual({ name: 'token ci', via: 'token', grants: [{ role: 'viewer', clusters: ['prod'] }] });
    });

    it('accepts the Bearer scheme in any case', () => {
      const headers = { authorization: `bearer ${ENV.CI_TOKEN}` };
      expect(authenticate(request('/api/clusters', { headers }), oidcSettings(), NOW_MS)).toMatchObject({
        via: 'token',
      });
    });

    it('refuses a wrong token, a prefix of the token and the token with more after it', () => {
      for (const token of ['wrong', ENV.CI_TOKEN.slice(0, -1), `${ENV.CI_TOKEN}x`]) {
        expect(
          authenticate(request('/api/clusters', { headers: bearer(token) }), basicSettings(), NOW_MS),
          token,
        ).toBeNull();
      }
    });

    it('does not take the metrics token for an API token', () => {
      const settings = basicSettings({ metricsToken: { env: 'METRICS_TOKEN' } });
      expect(
        authenticate(request('/api/clusters', { headers: bearer(ENV.METRICS_TOKEN) }), settings, NOW_MS),
      ).toBeNull();
    });
  });

  describe('with a session cookie', () => {
    it('recognises a valid session and gives the user’s own and their groups’ grants', () => {
      const settings = basicSettings();
      const cookie = `theme=dark; ${sessionCookieHeader({ name: 'ada', groups: ['devs'], via: 'basic' }, settings)}`;
      const principal = authenticate(request('/clusters', { headers: { cookie } }), settings, NOW_MS + 60_000);
      expect(principal).toEqual({
        name: 'ada',
        via: 'basic',
        grants: [
          { role: 'operator', clusters: ['prod'] },
          { role: 'viewer', clusters: ['staging'] },
        ],
      });
    });

    it('gives an OIDC user the grants of their groups', () => {
      const settings = oidcSettings();
      const cookie = sessionCookieHeader({ name: 'zoe', groups: ['sre'], via: 'oidc' }, settings);
      const principal = authenticate(request('/clusters', { headers: { cookie } }), settings, NOW_MS) as Principal;
      expect(principal).toMatchObject({ name: 'zoe', via: 'oidc' });
      expect(canOperate(principal, 'prod')).toBe(true);
    });

    it('does not recognise a session that has expired', () => {
      const settings = basicSettings();
      const cookie = sessionCookieHeader({ name: 'ada', groups: [], via: 'basic' }, settings);
      expect(authenticate(request('/clusters', { headers: { cookie } }), settings, NOW_MS + 3_599_999)).not.toBeNull();
      expect(authenticate(request('/clusters', { headers: { cookie } }), settings, NOW_MS + 3_600_000)).toBeNull();
    });

    it('does not recognise a session made with another session secret', () => {
      const other = basicSettings({ env: { ...ENV, SESSION_SECRET: 'some other secret' } });
      const cookie = sessionCookieHeader({ name: 'ada', groups: ['sre'], via: 'basic' }, other);
      expect(authenticate(request('/clusters', { headers: { cookie } }), basicSettings(), NOW_MS)).toBeNull();
    });

    it('does not recognise a session value that was changed', () => {
      const settings = basicSettings();
      const cookie = sessionCookieHeader({ name: 'ada', groups: [], via: 'basic' }, settings);
      const changed = cookie.slice(0, -2) + (cookie.endsWith('AA') ? 'BB' : 'AA');
      expect(authenticate(request('/clusters', { headers: { cookie: changed } }), settings, NOW_MS)).toBeNull();
    });

    it('does not take a cookie of another name for the session', () => {
      const settings = basicSettings();
      const value = sessionCookieHeader({ name: 'ada', groups: [], via: 'basic' }, settings).split('=')[1];
      const headers = { cookie: `other_${SESSION_COOKIE}=${value}` };
      expect(authenticate(request('/clusters', { headers }), settings, NOW_MS)).toBeNull();
    });
  });

  describe('with HTTP Basic', () => {
    it('recognises the right password and gives the user’s own grants', async () => {
      const found = authenticate(
        request('/api/clusters', { headers: basicHeader('ada', 'correct horse') }),
        basicSettings(),
        NOW_MS,
      );
      expect(found).toBeInstanceOf(Promise);
      expect(await found).toEqual({ name: 'ada', via: 'basic', grants: [{ role: 'operator', clusters: ['prod'] }] });
    });

    it('refuses a wrong password and an unknown user alike', async () => {
      const settings = basicSettings();
      const wrong = await authenticate(request('/api/x', { headers: basicHeader('ada', 'wrong') }), settings, NOW_MS);
      const unknown = await authenticate(
        request('/api/x', { headers: basicHeader('eve', 'correct horse') }),
        settings,
        NOW_MS,
      );
      expect(wrong).toBeNull();
      expect(unknown).toBeNull();
    });

    it('stops checking passwords for a name from an address after ten failures, known and unknown names alike', async () => {
      const settings = basicSettings();
      for (const user of ['ada', 'eve']) {
        const attempt = request('/api/x', { headers: basicHeader(user, 'wrong'), peer: '192.0.2.7' });
        for (let i = 0; i < 10; i++) expect(await authenticate(attempt, settings, NOW_MS + i)).toBeNull();
        expect(authenticate(attempt, settings, NOW_MS + 10)).toEqual({ throttled: true, retryAfterMs: 60_000 - 10 });
      }
      const right = basicHeader('ada', 'correct horse');
      expect(
        authenticate(request('/api/x', { headers: right, peer: '192.0.2.7' }), settings, NOW_MS + 10),
      ).toMatchObject({
        throttled: true,
      });
      expect(
        await authenticate(request('/api/x', { headers: right, peer: '192.0.2.8' }), settings, NOW_MS + 10),
      ).toMatchObject({
        name: 'ada',
      });
      expect(
        await authenticate(request('/api/x', { headers: right, peer: '192.0.2.7' }), settings, NOW_MS + 60_000),
      ).toMatchObject({
        name: 'ada',
      });
    });

    it('stops checking passwords from an address that tries a new name every time, after thirty failures', async () => {
      const settings = basicSettings();
      const attempt = (user: string, peer = '192.0.2.9') =>
        request('/api/x', { headers: basicHeader(user, 'wrong'), peer });
      for (let i = 0; i < 30; i++) expect(await authenticate(attempt(`name-${i}`), settings, NOW_MS + i)).toBeNull();
      expect(authenticate(attempt('name-30'), settings, NOW_MS + 30)).toEqual({
        throttled: true,
        retryAfterMs: 60_000 - 30,
      });
      const right = request('/api/x', { headers: basicHeader('ada', 'correct horse'), peer: '192.0.2.9' });
      expect(authenticate(right, settings, NOW_MS + 30)).toMatchObject({ throttled: true });
      expect(await authenticate(attempt('name-30', '192.0.2.10'), settings, NOW_MS + 30)).toBeNull();
    });

    it('is not read outside basic mode', () => {
      const headers = basicHeader('ada', 'correct horse');
      expect(authenticate(request('/api/x', { headers }), oidcSettings(), NOW_MS)).toBeNull();
    });
  });

  describe('behind a proxy', () => {
    const headers = { 'x-auth-user': 'ada', 'x-forwarded-groups': 'devs, sre' };

    it('takes the user and groups from a trusted peer’s headers', () => {
      const principal = authenticate(request('/clusters', { headers, peer: '10.1.2.3' }), proxySettings(), NOW_MS);
      expect(principal).toEqual({
        name: 'ada',
        via: 'proxy',
        grants: [
          { role: 'operator', clusters: null },
          { role: 'viewer', clusters: ['staging'] },
        ],
      });
    });

    it('trusts a peer given as an IPv4-mapped IPv6 address', () => {
      const principal = authenticate(
        request('/clusters', { headers, peer: '::ffff:10.1.2.3' }),
        proxySettings(),
        NOW_MS,
      );
      expect(principal).toMatchObject({ name: 'ada', via: 'proxy' });
    });

    it('ignores the headers from an untrusted peer', () => {
      for (const peer of ['192.0.2.7', '::ffff:192.0.2.7', '::1', '']) {
        expect(authenticate(request('/clusters', { headers, peer }), proxySettings(), NOW_MS), peer).toBeNull();
      }
    });

    it('finds nobody when the trusted proxy names no user', () => {
      const blank = { 'x-auth-user': '  ', 'x-forwarded-groups': 'sre' };
      expect(authenticate(request('/clusters', { peer: '10.1.2.3' }), proxySettings(), NOW_MS)).toBeNull();
      expect(
        authenticate(request('/clusters', { headers: blank, peer: '10.1.2.3' }), proxySettings(), NOW_MS),
      ).toBeNull();
    });

    it('gives a proxy user without granted groups no grants, so nothing to view', () => {
      const principal = authenticate(
        request('/clusters', { headers: { 'x-auth-user': 'eve' }, peer: '10.1.2.3' }),
        proxySettings(),
        NOW_MS,
      ) as Principal;
      expect(principal.grants).toEqual([]);
      expect(canView(principal, 'prod')).toBe(false);
    });
  });
});

describe('decide', () => {
  it('lets the anonymous operator of mode none through to any route', async () => {
    for (const url of ['/api/clusters', '/clusters/prod', '/api/metrics']) {
      expect(await gate(request(url, { method: 'POST' }), noneSettings()), url).toEqual({
        kind: 'pass',
        principal: ANONYMOUS_OPERATOR,
      });
    }
  });

  it('lets anyone open the public paths without signing in', async () => {
    const settings = basicSettings();
    for (const url of [
      '/api/health/live',
      '/api/health',
      '/api/health?verbose=1',
      '/sign-in',
      '/sign-in?next=%2Fclusters',
      '/favicon.svg',
      '/favicon.ico',
      '/_next/static/x.js',
      '/_next/static/chunks/app/page-123.js',
      '/auth/basic',
      '/auth/oidc/callback?code=abc&state=def',
    ]) {
      expect(await gate(request(url), settings), url).toEqual({ kind: 'pass', principal: null });
    }
    expect(await gate(request('/auth/basic', { method: 'POST' }), settings)).toEqual({ kind: 'pass', principal: null });
  });

  it('does not take look-alikes of the public paths for public', async () => {
    const settings = basicSettings();
    for (const url of [
      '/api/healthz',
      '/api/health/other',
      '/sign-in-now',
      '/authority',
      '/_next/image?url=x',
      '/_next/data/x.json',
    ]) {
      expect((await gate(request(url, { headers: { 'sec-fetch-mode': 'navigate' } }), settings)).kind, url).not.toBe(
        'pass',
      );
    }
  });

  it('sends a page request without a session to the sign-in page, with the path to come back to', async () => {
    expect(await gate(request('/clusters/prod?tab=lag'), basicSettings())).toEqual({
      kind: 'redirect',
      location: `/sign-in?next=${encodeURIComponent('/clusters/prod?tab=lag')}`,
    });
    expect(await gate(request('/', { method: 'HEAD' }), basicSettings())).toEqual({
      kind: 'redirect',
      location: '/sign-in?next=%2F',
    });
  });

  it('under a base path, judges the path without it and sends people to sign in under it', async () => {
    const under = (url: string, settings = basicSettings()) => gate(request(url), settings, NOW_MS, '/watermark');
    expect(await under('/watermark/clusters/prod?tab=lag')).toEqual({
      kind: 'redirect',
      location: `/watermark/sign-in?next=${encodeURIComponent('/clusters/prod?tab=lag')}`,
    });
    expect(await under('/watermark')).toEqual({ kind: 'redirect', location: '/watermark/sign-in?next=%2F' });
    expect(await under('/watermark/clusters', oidcSettings())).toEqual({
      kind: 'redirect',
      location: `/watermark/auth/oidc/start?next=${encodeURIComponent('/clusters')}`,
    });
    for (const open of ['/watermark/sign-in', '/watermark/api/health/live', '/watermark/_next/static/x.js']) {
      expect(await under(open), open).toEqual({ kind: 'pass', principal: null });
    }
    expect(await under('/watermark/api/clusters')).toMatchObject({ kind: 'refuse', status: 401 });
    // Public without the prefix is not public under it, and the other way round.
    expect((await under('/watermark/watermark/sign-in')).kind).toBe('redirect');
    expect((await under('/watermark/sign-in/../api/clusters')).kind).toBe('refuse');
    // Outside the base path Next.js answers 404 whoever asks; the gate lets it.
    for (const outside of ['/api/clusters', '/watermarks/api/clusters', '/watermark/../api/clusters']) {
      expect(await under(outside), outside).toEqual({ kind: 'pass', principal: null });
    }
  });

  it('sends a page request without a session to the OpenID provider in oidc mode', async () => {
    expect(await gate(request('/clusters/prod'), oidcSettings())).toEqual({
      kind: 'redirect',
      location: `/auth/oidc/start?next=${encodeURIComponent('/clusters/prod')}`,
    });
  });

  it('refuses a page POST without a session rather than redirecting it', async () => {
    expect(await gate(request('/clusters/prod', { method: 'POST' }), basicSettings())).toMatchObject({
      kind: 'refuse',
      status: 401,
    });
  });

  it('refuses an API request without credentials with 401 and a Basic challenge for an API client', async () => {
    expect(await gate(request('/api/clusters'), basicSettings())).toEqual({
      kind: 'refuse',
      status: 401,
      message: 'not signed in: sign in first, or send an API token as Authorization: Bearer',
      basicChallenge: true,
    });
    // Node's fetch sends Sec-Fetch-Mode but no Sec-Fetch-Dest.
    const nodeFetch = request('/api/clusters', { headers: { 'sec-fetch-mode': 'cors' } });
    expect(await gate(nodeFetch, basicSettings())).toMatchObject({ kind: 'refuse', basicChallenge: true });
  });

  it('challenges a browser to Basic when it opens an API URL as a page, not for the dashboard’s own fetches', async () => {
    const opened = request('/api/clusters', {
      headers: { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
    });
    expect(await gate(opened, basicSettings())).toMatchObject({ kind: 'refuse', status: 401, basicChallenge: true });
    const fetched = request('/api/clusters', { headers: { 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' } });
    expect(await gate(fetched, basicSettings())).toMatchObject({ kind: 'refuse', status: 401, basicChallenge: false });
  });

  it('never challenges to Basic outside basic mode', async () => {
    expect(await gate(request('/api/clusters'), oidcSettings())).toMatchObject({
      kind: 'refuse',
      status: 401,
      basicChallenge: false,
    });
    expect(await gate(request('/api/clusters'), proxySettings())).toMatchObject({
      kind: 'refuse',
      status: 401,
      basicChallenge: false,
    });
  });

  it('says the credentials were refused when some were sent', async () => {
    const decision = await gate(request('/api/clusters', { headers: bearer('wrong') }), basicSettings());
    expect(decision).toMatchObject({ kind: 'refuse', status: 401 });
    expect(decision.kind === 'refuse' && decision.message).toMatch(/credentials were refused or the session has ended/);
  });

  it('lets an API token through with its principal', async () => {
    const decision = await gate(request('/api/clusters', { headers: bearer(ENV.CI_TOKEN) }), basicSettings());
    expect(decision).toMatchObject({ kind: 'pass', principal: { name: 'token ci', via: 'token' } });
  });

  it('lets a valid session through, and treats an expired one as no session', async () => {
    const settings = basicSettings();
    const cookie = sessionCookieHeader({ name: 'ada', groups: [], via: 'basic' }, settings);
    const page = request('/clusters/prod', { headers: { cookie } });
    expect(await gate(page, settings, NOW_MS + 1000)).toMatchObject({ kind: 'pass', principal: { name: 'ada' } });
    expect(await gate(page, settings, NOW_MS + 3_600_000)).toEqual({
      kind: 'redirect',
      location: `/sign-in?next=${encodeURIComponent('/clusters/prod')}`,
    });
    const api = await gate(request('/api/clusters', { headers: { cookie } }), settings, NOW_MS + 3_600_000);
    expect(api).toMatchObject({ kind: 'refuse', status: 401 });
    expect(api.kind === 'refuse' && api.message).toMatch(/session has ended/);
  });

  it('sends a page request in proxy mode that did not come through the proxy to the sign-in page', async () => {
    const page = request('/clusters', { peer: '192.0.2.7', headers: { 'x-auth-user': 'ada' } });
    expect(await gate(page, proxySettings())).toEqual({ kind: 'redirect', location: '/sign-in?next=%2Fclusters' });
  });

  it('refuses an API request in proxy mode that did not come through the proxy, saying so', async () => {
    const api = request('/api/clusters', { peer: '192.0.2.7', headers: { 'x-auth-user': 'ada' } });
    const decision = await gate(api, proxySettings());
    expect(decision).toMatchObject({ kind: 'refuse', status: 401, basicChallenge: false });
    expect(decision.kind === 'refuse' && decision.message).toMatch(/proxy in front of Watermark/);
  });

  it('refuses a client-side navigation (an RSC request) without a session rather than redirecting it', async () => {
    const rsc = request('/clusters/prod', { headers: { rsc: '1' } });
    expect(await gate(rsc, oidcSettings())).toMatchObject({ kind: 'refuse', status: 401 });
  });

  it('lets a user named by a trusted proxy through', async () => {
    const decision = await gate(
      request('/clusters', { peer: '10.0.0.1', headers: { 'x-auth-user': 'ada' } }),
      proxySettings(),
    );
    expect(decision).toMatchObject({ kind: 'pass', principal: { name: 'ada', via: 'proxy' } });
  });

  describe('for /api/metrics', () => {
    it('is open to anyone when no metrics token is configured', async () => {
      expect(await gate(request('/api/metrics'), basicSettings())).toEqual({ kind: 'pass', principal: null });
    });

    it('needs exactly the metrics token when one is configured', async () => {
      const settings = basicSettings({ metricsToken: { env: 'METRICS_TOKEN' } });
      expect(await gate(request('/api/metrics', { headers: bearer(ENV.METRICS_TOKEN) }), settings)).toMatchObject({
        kind: 'pass',
      });
      for (const headers of [
        {},
        bearer('wrong'),
        bearer(`${ENV.METRICS_TOKEN}x`),
        bearer(ENV.METRICS_TOKEN.slice(1)),
      ]) {
        expect(await gate(request('/api/metrics', { headers }), settings), JSON.stringify(headers)).toEqual({
          kind: 'refuse',
          status: 401,
          message: 'send Authorization: Bearer with metrics.bearerToken',
          basicChallenge: false,
        });
      }
    });

    it('refuses a signed-in user or an API token without the metrics token, when one is configured', async () => {
      const settings = basicSettings({ metricsToken: { env: 'METRICS_TOKEN' } });
      const cookie = sessionCookieHeader({ name: 'ada', groups: ['sre'], via: 'basic' }, settings);
      expect((await gate(request('/api/metrics', { headers: { cookie } }), settings)).kind).toBe('refuse');
      expect((await gate(request('/api/metrics', { headers: bearer(ENV.CI_TOKEN) }), settings)).kind).toBe('refuse');
    });

    it('needs the metrics token even in mode none, when one is configured', async () => {
      const settings = noneSettings({ metricsToken: { env: 'METRICS_TOKEN' } });
      expect((await gate(request('/api/metrics'), settings)).kind).toBe('refuse');
      expect((await gate(request('/api/metrics', { headers: bearer(ENV.METRICS_TOKEN) }), settings)).kind).toBe('pass');
    });

    it('applies the same rule however the path is written', async () => {
      const settings = basicSettings({ metricsToken: { env: 'METRICS_TOKEN' } });
      for (const url of [
        '/api/metrics?format=text',
        '/api/../api/metrics',
        '/auth/../api/metrics',
        '/api/%2e%2e/api/metrics',
      ]) {
        expect((await gate(request(url), settings)).kind, url).toBe('refuse');
      }
    });
  });

  describe('path normalisation', () => {
    it('does not let dot segments, backslashes or encodings make a protected API route public', async () => {
      const settings = basicSettings();
      for (const url of [
        '/api/../api/clusters',
        '/auth/../api/clusters',
        '/auth/%2e%2e/api/clusters',
        '/auth/%2E%2E/api/clusters',
        '/auth/.%2e/api/clusters',
        '/_next/static/../../api/clusters',
        '/api/health/live/../../clusters',
        '/api/health/../clusters',
        '/sign-in/../api/clusters',
        '/auth\\..\\api\\clusters',
        '/_next/static/%2e%2e/%2e%2e/api/clusters',
      ]) {
        expect(await gate(request(url), settings), url).toMatchObject({ kind: 'refuse', status: 401 });
      }
    });

    it('does not let a doubled slash or an encoded letter pass a protected route', async () => {
      const settings = basicSettings();
      for (const url of ['//api/clusters', '/%61pi/clusters', '//auth/../api/clusters', '/api//clusters']) {
        expect((await gate(request(url), settings)).kind, url).not.toBe('pass');
      }
    });

    it('keeps the path as sent in the sign-in redirect', async () => {
      expect(await gate(request('/auth/../clusters?x=1'), basicSettings())).toEqual({
        kind: 'redirect',
        location: `/sign-in?next=${encodeURIComponent('/auth/../clusters?x=1')}`,
      });
    });
  });
});
