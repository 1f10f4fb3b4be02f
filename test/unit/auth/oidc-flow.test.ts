import { describe, expect, it, vi } from 'vitest';
import { authSettings, type AuthSettings, type OidcSettings } from '@/lib/auth/auth-settings';
import { claimsToSession, groupsInClaim, oidcFailureReason, oidcSessionResponse } from '@/lib/auth/oidc-flow';
import { SESSION_COOKIE, type SessionClaims } from '@/lib/auth/request-gate';
import { unseal } from '@/lib/auth/sealed-cookie';
import { MAX_COOKIE_BYTES } from '@/lib/auth/session-responses';
import { AuthConfig, type GrantConfig } from '@/lib/config/auth-schema';
import { log } from '@/lib/log/logger';

vi.spyOn(log, 'info').mockImplementation(() => undefined);
vi.spyOn(log, 'error').mockImplementation(() => undefined);

const NOW_MS = Date.UTC(2025, 0, 1);

function settingsWith(grants: GrantConfig[], oidc: Record<string, unknown> = {}): AuthSettings {
  const auth = AuthConfig.parse({
    mode: 'oidc',
    oidc: { issuer: 'https://id.example.com', clientId: 'wm', ...oidc },
    grants,
    sessionSecret: { env: 'SESSION_SECRET' },
  });
  return authSettings({ auth, publicUrl: 'https://dash.example.com' }, { SESSION_SECRET: 'a long session secret' });
}

const GRANTS: GrantConfig[] = [
  { group: 'platform', role: 'operator' },
  { group: 'team-a', role: 'viewer', clusters: ['team-a'] },
  { user: 'carol', role: 'viewer' },
];
const oidc = (overrides: Partial<OidcSettings> = {}): OidcSettings => ({ ...settingsWith(GRANTS).oidc!, ...overrides });

/** `count` group names of `length` characters each. */
const manyGroups = (count: number, length = 40) =>
  Array.from({ length: count }, (_, i) => `group-${i}-`.padEnd(length, 'x'));

describe('groupsInClaim', () => {
  it('reads a list, one string, or nothing from a missing claim or one of another kind', () => {
    expect(groupsInClaim({ groups: ['a', 'b'] }, 'groups')).toEqual(['a', 'b']);
    expect(groupsInClaim({ groups: 'a' }, 'groups')).toEqual(['a']);
    expect(groupsInClaim({}, 'groups')).toEqual([]);
    expect(groupsInClaim({ groups: { a: true } }, 'groups')).toEqual([]);
    expect(groupsInClaim({ groups: null }, 'groups')).toEqual([]);
  });
});

describe('claimsToSession', () => {
  it('takes the groups from a claim of another name when groupsClaim names it', () => {
    const claims = { sub: '1', preferred_username: 'alice', roles: ['platform'], groups: ['team-a'] };
    expect(claimsToSession(claims, oidc({ groupsClaim: 'roles' }), GRANTS)).toEqual({
      name: 'alice',
      groups: ['platform'],
      via: 'oidc',
    });
  });

  it('takes a groups claim that is one string as one group', () => {
    const claims = { sub: '1', preferred_username: 'alice', groups: 'team-a' };
    expect(claimsToSession(claims, oidc(), GRANTS).groups).toEqual(['team-a']);
  });

  it('gives no groups when the claim is missing', () => {
    expect(claimsToSession({ sub: '1', preferred_username: 'alice' }, oidc(), GRANTS).groups).toEqual([]);
  });

  it('keeps only the groups a grant names, once each, however many the provider sends', () => {
    const groups = [...manyGroups(500), 'team-a', 'platform', 'team-a'];
    const session = claimsToSession({ sub: '1', preferred_username: 'alice', groups }, oidc(), GRANTS);
    expect(session.groups).toEqual(['team-a', 'platform']);
  });

  it('keeps no group for a user grant, which matches the name instead', () => {
    const session = claimsToSession({ sub: '1', preferred_username: 'carol', groups: ['carol'] }, oidc(), GRANTS);
    expect(session).toEqual({ name: 'carol', groups: [], via: 'oidc' });
  });

  it('names the user by usernameClaim, else email, else sub', () => {
    expect(claimsToSession({ sub: 's', email: 'e@x', upn: 'u@x' }, oidc({ usernameClaim: 'upn' }), []).name).toBe(
      'u@x',
    );
    expect(claimsToSession({ sub: 's', email: 'e@x' }, oidc(), []).name).toBe('e@x');
    expect(claimsToSession({ sub: 's' }, oidc(), []).name).toBe('s');
  });
});

describe('oidcFailureReason', () => {
  it('says denied when the provider refused the user, and incomplete for anything else', () => {
    expect(oidcFailureReason({ error: 'access_denied' })).toBe('denied');
    expect(oidcFailureReason({ error: 'invalid_grant' })).toBe('incomplete');
    expect(oidcFailureReason(new Error('state mismatch'))).toBe('incomplete');
    expect(oidcFailureReason(null)).toBe('incomplete');
  });
});

describe('oidcSessionResponse', () => {
  /** The session a response sets, unsealed, or undefined when it sets none. */
  function sessionOf(response: Response, settings: AuthSettings): SessionClaims | null | undefined {
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (!cookie) return undefined;
    return unseal<SessionClaims>(cookie.split(';')[0].slice(SESSION_COOKIE.length + 1), settings.sessionKey, NOW_MS);
  }

  it('signs a user in hundreds of groups in with a small cookie holding only the granted ones', () => {
    const settings = settingsWith(GRANTS);
    const claims = { sub: '1', preferred_username: 'alice', groups: [...manyGroups(800), 'team-a'] };
    const response = oidcSessionResponse(claims, settings, '/clusters/team-a', NOW_MS);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/clusters/team-a');
    expect(sessionOf(response, settings)).toEqual({ name: 'alice', groups: ['team-a'], via: 'oidc' });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(Buffer.byteLength(cookie)).toBeLessThan(400);
  });

  it('clears the sign-in flow cookie', () => {
    const response = oidcSessionResponse({ sub: '1' }, settingsWith(GRANTS), '/', NOW_MS);
    expect(response.headers.getSetCookie()).toContainEqual(expect.stringMatching(/^watermark_oidc_flow=; .*Max-Age=0/));
  });

  it('refuses the sign-in, saying why, when even the granted groups make a cookie larger than browsers keep', () => {
    const groups = manyGroups(100, 60);
    const settings = settingsWith(groups.map((group) => ({ group, role: 'viewer' as const })));
    const response = oidcSessionResponse({ sub: '1', preferred_username: 'alice', groups }, settings, '/x', NOW_MS);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sign-in?reason=too-large&next=%2Fx');
    expect(sessionOf(response, settings)).toBeUndefined();
    expect(response.headers.getSetCookie()).toContainEqual(expect.stringMatching(/^watermark_oidc_flow=; /));
  });

  it('signs in while the session cookie is at most MAX_COOKIE_BYTES, and not past it', () => {
    const signIn = (count: number) => {
      const groups = manyGroups(count, 30);
      const settings = settingsWith(groups.map((group) => ({ group, role: 'viewer' as const })));
      const response = oidcSessionResponse({ sub: '1', preferred_username: 'al', groups }, settings, '/', NOW_MS);
      return response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    };
    let count = 0;
    while (signIn(count + 1) !== undefined) count++;
    // Each 30-character group adds 44 bytes (with its quotes and comma, in base64): the last
    // cookie allowed is within that of the limit.
    const largest = Buffer.byteLength(signIn(count)!);
    expect(MAX_COOKIE_BYTES).toBe(4000);
    expect(largest).toBeLessThanOrEqual(MAX_COOKIE_BYTES);
    expect(largest).toBeGreaterThan(MAX_COOKIE_BYTES - 44);
  });
});
