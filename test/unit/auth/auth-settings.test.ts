import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { authSettings, isTrustedProxy, plainAddress, type ProxySettings } from '@/lib/auth/auth-settings';
import { AuthConfig } from '@/lib/config/auth-schema';
import { parseConfigText } from '@/lib/config/load-config';
import { withTempDir } from '../../helpers/temp-dir';
import { configErrorMessage as errorMessage } from '../../helpers/config-error';

const { write } = withTempDir('watermark-auth-settings');
const NOW_MS = Date.UTC(2025, 0, 1);
const adaHash = bcrypt.hashSync('correct horse', 4);

/** A whole config file (JSON) with one cluster "prod" and this `auth`. */
function configText(auth: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ clusters: [{ id: 'prod', brokers: ['a:9092'] }], auth, ...extra });
}

function acceptsHash(passwordHash: string): boolean {
  return AuthConfig.safeParse({ mode: 'basic', users: [{ username: 'ada', passwordHash }] }).success;
}

/** Basic mode with one user of cost 4 (with no user, the decoy hash would cost 10). */
function basicAuth(extra: Record<string, unknown> = {}): AuthConfig {
  return AuthConfig.parse({ mode: 'basic', users: [{ username: 'ada', passwordHash: adaHash }], ...extra });
}

function proxySettings(trustedProxies: string[]): ProxySettings {
  const auth = AuthConfig.parse({ mode: 'proxy', proxy: { trustedProxies } });
  return authSettings({ auth }, {}).proxy!;
}

describe('AuthConfig', () => {
  it('defaults to the documented values for basic', () => {
    const auth = AuthConfig.parse({ mode: 'basic', users: [{ username: 'ada', passwordHash: adaHash }] });
    expect(auth).toEqual({
      mode: 'basic',
      users: [{ username: 'ada', passwordHash: adaHash, roles: ['viewer'] }],
      grants: [],
      tokens: [],
      sessionMaxAgeSeconds: 12 * 3600,
    });
  });

  it('defaults the OIDC scopes and claims', () => {
    const auth = AuthConfig.parse({ mode: 'oidc', oidc: { issuer: 'https://id.example.com', clientId: 'wm' } });
    expect(auth.mode === 'oidc' && auth.oidc).toEqual({
      issuer: 'https://id.example.com',
      clientId: 'wm',
      scopes: ['openid', 'profile', 'email'],
      usernameClaim: 'preferred_username',
      groupsClaim: 'groups',
    });
  });

  it('defaults the proxy header names', () => {
    const auth = AuthConfig.parse({ mode: 'proxy', proxy: { trustedProxies: ['10.0.0.1'] } });
    expect(auth.mode === 'proxy' && auth.proxy).toEqual({
      userHeader: 'X-Forwarded-User',
      groupsHeader: 'X-Forwarded-Groups',
      trustedProxies: ['10.0.0.1'],
    });
  });

  it('accepts bcrypt hashes of every prefix htpasswd and the libraries write', () => {
    for (const prefix of ['$2a$', '$2b$', '$2y$']) {
      const passwordHash = adaHash.replace(/^\$2b\$/, prefix);
      expect(acceptsHash(passwordHash), prefix).toBe(true);
    }
  });
});

describe('parseConfigText with auth', () => {
  it('reads mode none as the default', () => {
    expect(parseConfigText(JSON.stringify({ clusters: [{ id: 'prod', brokers: ['a:9092'] }] }), 'w.json').auth).toEqual(
      {
        mode: 'none',
      },
    );
  });

  it('names the user whose password hash is not a bcrypt hash, without quoting it', () => {
    const message = errorMessage(() =>
      parseConfigText(
        configText({
          mode: 'basic',
          users: [
            { username: 'ada', passwordHash: adaHash },
            { username: 'bob', passwordHash: 'hunter2-plain' },
          ],
        }),
        'w.json',
      ),
    );
    expect(message).toMatch(/^w\.json: auth\.users\[1\]\.passwordHash: expected a bcrypt hash/);
    expect(message).not.toContain('hunter2');
  });

  it('names trustedProxies when proxy mode lists none', () => {
    expect(errorMessage(() => parseConfigText(configText({ mode: 'proxy', proxy: {} }), 'w.json'))).toMatch(
      /^w\.json: auth\.proxy\.trustedProxies: /,
    );
    expect(
      errorMessage(() => parseConfigText(configText({ mode: 'proxy', proxy: { trustedProxies: [] } }), 'w.json')),
    ).toBe('w.json: auth.proxy.trustedProxies: list the addresses of the proxy in front');
  });

  it('names the trusted proxy entry that is not an address or CIDR block, or whose prefix is too long', () => {
    for (const entry of ['10.0.0.0/abc', 'abc', '10.0.0.256', '10.0.0.0/33', '::/129', '10.0.0.0/8/8', '10.0.0.0/']) {
      const auth = { mode: 'proxy', proxy: { trustedProxies: ['10.0.0.1', entry] } };
      expect(
        errorMessage(() => parseConfigText(configText(auth), 'w.json')),
        entry,
      ).toBe(
        'w.json: auth.proxy.trustedProxies[1]: expected an IP address or a CIDR block such as 10.0.0.0/8 (prefix up to /32, or /128 for IPv6)',
      );
    }
    const widest = proxySettings(['10.0.0.7/32', '2001:db8::7/128']);
    expect(isTrustedProxy(widest, '10.0.0.7')).toBe(true);
    expect(isTrustedProxy(widest, '10.0.0.8')).toBe(false);
    expect(isTrustedProxy(widest, '2001:db8::7')).toBe(true);
  });

  it('refuses bcrypt costs bcrypt cannot use (below 04 or above 31)', () => {
    for (const cost of ['00', '03', '32', '99']) {
      const passwordHash = `$2b$${cost}$${'a'.repeat(53)}`;
      const auth = { mode: 'basic', users: [{ username: 'ada', passwordHash }] };
      expect(
        errorMessage(() => parseConfigText(configText(auth), 'w.json')),
        cost,
      ).toMatch(/^w\.json: auth\.users\[0\]\.passwordHash: expected a bcrypt hash \(\$2b\$12\$…, cost 04 to 31\)/);
    }
  });

  it('names the mode when it is none of the four', () => {
    expect(errorMessage(() => parseConfigText(configText({ mode: 'ldap' }), 'w.json'))).toMatch(
      /^w\.json: auth\.mode: .*expected none, basic, oidc or proxy$/,
    );
  });

  it('names the grant that gives both or neither of user and group', () => {
    for (const grant of [{ user: 'a', group: 'b', role: 'viewer' }, { role: 'viewer' }]) {
      expect(errorMessage(() => parseConfigText(configText({ mode: 'basic', grants: [grant] }), 'w.json'))).toBe(
        'w.json: auth.grants[0]: give either user or group',
      );
    }
  });

  it('names a grant, user or token for a cluster that is not configured', () => {
    const auth = { mode: 'basic', grants: [{ group: 'sre', role: 'viewer', clusters: ['nope'] }] };
    expect(errorMessage(() => parseConfigText(configText(auth), 'w.json'))).toBe(
      'w.json: auth.grants[0].clusters: no cluster has id "nope"',
    );
  });

  it('refuses a token given as its value rather than a secret reference, without quoting it', () => {
    const auth = { mode: 'basic', tokens: [{ name: 'ci', token: 'sekrit-token-value', role: 'viewer' }] };
    const message = errorMessage(() => parseConfigText(configText(auth), 'w.json'));
    expect(message).toMatch(/^w\.json: auth\.tokens\[0\]\.token: give \{ env: NAME \} or \{ file: path \}/);
    expect(message).not.toContain('sekrit');
  });

  it('asks for publicUrl with oidc', () => {
    const auth = { mode: 'oidc', oidc: { issuer: 'https://id.example.com', clientId: 'wm' } };
    expect(errorMessage(() => parseConfigText(configText(auth), 'w.json'))).toMatch(
      /^w\.json: publicUrl: required with auth\.mode oidc/,
    );
    expect(parseConfigText(configText(auth, { publicUrl: 'https://dash.example.com' }), 'w.json').auth.mode).toBe(
      'oidc',
    );
  });

  it('refuses an OIDC issuer that is not http(s)', () => {
    const auth = { mode: 'oidc', oidc: { issuer: 'ftp://id.example.com', clientId: 'wm' } };
    expect(
      errorMessage(() => parseConfigText(configText(auth, { publicUrl: 'https://dash.example.com' }), 'w.json')),
    ).toMatch(/^w\.json: auth\.oidc\.issuer: /);
  });

  it('refuses a session shorter than 10 seconds', () => {
    expect(
      errorMessage(() => parseConfigText(configText({ mode: 'basic', sessionMaxAgeSeconds: 5 }), 'w.json')),
    ).toMatch(/^w\.json: auth\.sessionMaxAgeSeconds: /);
  });

  it('refuses keys of another mode', () => {
    expect(errorMessage(() => parseConfigText(configText({ mode: 'none', users: [] }), 'w.json'))).toMatch(
      /^w\.json: auth: .*"users"/,
    );
  });
});

describe('authSettings', () => {
  it('turns sign-in off in mode none, with a random session key', () => {
    const settings = authSettings({ auth: { mode: 'none' } }, {});
    expect(settings).toMatchObject({
      mode: 'none',
      grants: [],
      tokens: [],
      metricsToken: null,
      basic: null,
      oidc: null,
      proxy: null,
      sessionKeyIsRandom: true,
      secureCookies: false,
      publicUrl: null,
    });
    expect(settings.sessionKey).toHaveLength(32);
    expect(authSettings({ auth: { mode: 'none' } }, {}).sessionKey.equals(settings.sessionKey)).toBe(false);
  });

  it('derives the same keys from the same session secret, and different keys for sessions and OIDC flows', () => {
    const auth = basicAuth({ sessionSecret: { env: 'WM_SECRET' } });
    const env = { WM_SECRET: 'a long and random session secret\n' };
    const first = authSettings({ auth }, env);
    const second = authSettings({ auth }, env);
    expect(first.sessionKeyIsRandom).toBe(false);
    expect(first.sessionKey.equals(second.sessionKey)).toBe(true);
    expect(first.flowKey.equals(first.sessionKey)).toBe(false);
    expect(authSettings({ auth }, { WM_SECRET: 'another secret' }).sessionKey.equals(first.sessionKey)).toBe(false);
  });

  it('names the session secret’s variable when it is not set', () => {
    const auth = basicAuth({ sessionSecret: { env: 'WM_SECRET' } });
    expect(errorMessage(() => authSettings({ auth, configFile: '/etc/w.yaml' }, {}))).toBe(
      '/etc/w.yaml: auth.sessionSecret: environment variable WM_SECRET is not set',
    );
  });

  it('gives basic users their roles on their clusters, and checks their passwords', async () => {
    const auth = AuthConfig.parse({
      mode: 'basic',
      users: [
        { username: 'ada', passwordHash: adaHash, roles: ['viewer', 'operator'], clusters: ['prod'] },
        { username: 'bob', passwordHash: adaHash },
      ],
    });
    const basic = authSettings({ auth }, {}).basic!;
    expect(basic.users.get('ada')).toEqual([
      { role: 'viewer', clusters: ['prod'] },
      { role: 'operator', clusters: ['prod'] },
    ]);
    expect(basic.users.get('bob')).toEqual([{ role: 'viewer', clusters: null }]);
    expect(await basic.passwords.verify('ada', 'correct horse', NOW_MS)).toBe('ada');
    expect(await basic.passwords.verify('ada', 'wrong', NOW_MS)).toBeNull();
  });

  it('adds the users of usersFile to those of the config', async () => {
    const usersFile = write(
      'users.yaml',
      `- username: carol\n  passwordHash: "${adaHash}"\n  roles: [operator]\n  clusters: [prod]\n`,
    );
    const auth = AuthConfig.parse({ mode: 'basic', users: [{ username: 'ada', passwordHash: adaHash }], usersFile });
    const basic = authSettings({ auth }, {}).basic!;
    expect([...basic.users.keys()]).toEqual(['ada', 'carol']);
    expect(basic.users.get('carol')).toEqual([{ role: 'operator', clusters: ['prod'] }]);
    expect(await basic.passwords.verify('carol', 'correct horse', NOW_MS)).toBe('carol');
  });

  it('names the users file and the entry with a bad field', () => {
    const usersFile = write('bad-users.yaml', `- username: carol\n  passwordHash: plain-password\n`);
    const auth = AuthConfig.parse({ mode: 'basic', usersFile });
    const message = errorMessage(() => authSettings({ auth, configFile: '/etc/w.yaml' }, {}));
    expect(message).toMatch(
      /^\/etc\/w\.yaml: auth\.usersFile: .*bad-users\.yaml: users\[0\]\.passwordHash: expected a bcrypt hash/,
    );
    expect(message).not.toContain('plain-password');
  });

  it('names a users file that cannot be read', () => {
    const auth = AuthConfig.parse({ mode: 'basic', usersFile: '/nonexistent/users.yaml' });
    expect(errorMessage(() => authSettings({ auth }, {}))).toBe(
      'auth.usersFile: cannot read /nonexistent/users.yaml (ENOENT)',
    );
  });

  it('reads API tokens and the metrics token from their secrets, naming the field of a missing one', () => {
    const auth = basicAuth({
      tokens: [
        { name: 'ci', token: { env: 'CI_TOKEN' }, role: 'viewer', clusters: ['prod'] },
        { name: 'ops', token: { env: 'OPS_TOKEN' }, role: 'operator' },
      ],
    });
    const settings = authSettings(
      { auth, metricsToken: { env: 'METRICS_TOKEN' } },
      { CI_TOKEN: 'ci-secret', OPS_TOKEN: 'ops-secret', METRICS_TOKEN: 'prom-secret' },
    );
    expect(settings.tokens).toEqual([
      { name: 'ci', value: 'ci-secret', grants: [{ role: 'viewer', clusters: ['prod'] }] },
      { name: 'ops', value: 'ops-secret', grants: [{ role: 'operator', clusters: null }] },
    ]);
    expect(settings.metricsToken).toBe('prom-secret');
    expect(errorMessage(() => authSettings({ auth }, { CI_TOKEN: 'ci-secret' }))).toBe(
      'auth.tokens[1].token: environment variable OPS_TOKEN is not set',
    );
    expect(errorMessage(() => authSettings({ auth: { mode: 'none' }, metricsToken: { env: 'NOPE' } }, {}))).toBe(
      'metrics.bearerToken: environment variable NOPE is not set',
    );
  });

  it('builds the OIDC redirect from publicUrl, with or without a path or trailing slash', () => {
    const auth = AuthConfig.parse({
      mode: 'oidc',
      oidc: { issuer: 'https://id.example.com', clientId: 'wm', clientSecret: { env: 'OIDC_SECRET' } },
    });
    const env = { OIDC_SECRET: 'client-secret' };
    const root = authSettings({ auth, publicUrl: 'https://dash.example.com' }, env);
    expect(root.oidc).toMatchObject({ clientSecret: 'client-secret', issuer: 'https://id.example.com' });
    expect(root.oidc!.redirectUri).toBe('https://dash.example.com/auth/oidc/callback');
    expect(authSettings({ auth, publicUrl: 'https://x.example.com/watermark' }, env).oidc!.redirectUri).toBe(
      'https://x.example.com/watermark/auth/oidc/callback',
    );
    expect(authSettings({ auth, publicUrl: 'https://x.example.com/watermark/' }, env).oidc!.redirectUri).toBe(
      'https://x.example.com/watermark/auth/oidc/callback',
    );
  });

  it('leaves the OIDC client secret null for a public client', () => {
    const auth = AuthConfig.parse({ mode: 'oidc', oidc: { issuer: 'https://id.example.com', clientId: 'wm' } });
    expect(authSettings({ auth, publicUrl: 'https://dash.example.com' }, {}).oidc!.clientSecret).toBeNull();
  });

  it('marks cookies Secure only when publicUrl is https', () => {
    const auth = basicAuth();
    expect(authSettings({ auth, publicUrl: 'https://dash.example.com' }, {}).secureCookies).toBe(true);
    expect(authSettings({ auth, publicUrl: 'http://dash.example.com' }, {}).secureCookies).toBe(false);
    expect(authSettings({ auth }, {}).secureCookies).toBe(false);
  });

  it('lower-cases the proxy header names, as Node.js gives request headers', () => {
    const auth = AuthConfig.parse({
      mode: 'proxy',
      proxy: { userHeader: 'X-Auth-Request-User', trustedProxies: ['10.0.0.1'] },
    });
    expect(authSettings({ auth }, {}).proxy).toMatchObject({
      userHeader: 'x-auth-request-user',
      groupsHeader: 'x-forwarded-groups',
    });
  });
});

describe('plainAddress', () => {
  it('unwraps an IPv4-mapped IPv6 address and leaves others alone', () => {
    expect(plainAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(plainAddress('127.0.0.1')).toBe('127.0.0.1');
    expect(plainAddress('::1')).toBe('::1');
    expect(plainAddress('::ffff:abcd::1')).toBe('::ffff:abcd::1');
  });
});

describe('isTrustedProxy', () => {
  const proxy = proxySettings(['10.0.0.0/8', '192.168.1.10', '2001:db8::/32', '::1']);

  it('trusts an IPv4 address inside a listed block or equal to a listed address', () => {
    expect(isTrustedProxy(proxy, '10.0.0.1')).toBe(true);
    expect(isTrustedProxy(proxy, '10.255.255.255')).toBe(true);
    expect(isTrustedProxy(proxy, '192.168.1.10')).toBe(true);
  });

  it('does not trust IPv4 addresses outside them', () => {
    expect(isTrustedProxy(proxy, '11.0.0.1')).toBe(false);
    expect(isTrustedProxy(proxy, '9.255.255.255')).toBe(false);
    expect(isTrustedProxy(proxy, '192.168.1.11')).toBe(false);
    expect(isTrustedProxy(proxy, '127.0.0.1')).toBe(false);
  });

  it('reads an IPv4-mapped IPv6 peer as its IPv4 address', () => {
    expect(isTrustedProxy(proxy, '::ffff:10.1.2.3')).toBe(true);
    expect(isTrustedProxy(proxy, '::ffff:192.168.1.10')).toBe(true);
    expect(isTrustedProxy(proxy, '::ffff:11.1.2.3')).toBe(false);
  });

  it('checks IPv6 peers against IPv6 blocks and addresses', () => {
    expect(isTrustedProxy(proxy, '2001:db8::5')).toBe(true);
    expect(isTrustedProxy(proxy, '2001:db8:ffff::1')).toBe(true);
    expect(isTrustedProxy(proxy, '2001:db9::1')).toBe(false);
    expect(isTrustedProxy(proxy, '::1')).toBe(true);
    expect(isTrustedProxy(proxy, '::2')).toBe(false);
  });

  it('does not trust a peer whose address is empty or not an address', () => {
    expect(isTrustedProxy(proxy, '')).toBe(false);
    expect(isTrustedProxy(proxy, 'localhost')).toBe(false);
    expect(isTrustedProxy(proxy, '10.0.0.1:3000')).toBe(false);
  });

  it('trusts an IPv4 peer listed in IPv4-mapped form', () => {
    const mapped = proxySettings(['::ffff:10.0.0.1']);
    expect(isTrustedProxy(mapped, '10.0.0.1')).toBe(true);
    expect(isTrustedProxy(mapped, '::ffff:10.0.0.1')).toBe(true);
    expect(isTrustedProxy(mapped, '10.0.0.2')).toBe(false);
  });
});
