import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { authSettings, type AuthSettings } from '@/lib/auth/auth-settings';
import { SESSION_COOKIE, type SessionClaims } from '@/lib/auth/request-gate';
import { unseal } from '@/lib/auth/sealed-cookie';
import {
  clearedCookie,
  notAvailable,
  redirectWithCookies,
  safeNext,
  sessionCookie,
  signInPage,
} from '@/lib/auth/session-responses';
import { AuthConfig } from '@/lib/config/auth-schema';

const NOW_MS = Date.UTC(2025, 0, 1);

function settings(publicUrl: string): AuthSettings {
  const auth = AuthConfig.parse({
    mode: 'basic',
    users: [{ username: 'ada', passwordHash: bcrypt.hashSync('pw', 4) }],
    sessionMaxAgeSeconds: 600,
  });
  return authSettings({ auth, publicUrl }, {});
}

describe('safeNext', () => {
  it('keeps a path on this site, with its query and fragment', () => {
    expect(safeNext('/')).toBe('/');
    expect(safeNext('/clusters/prod?tab=lag')).toBe('/clusters/prod?tab=lag');
    expect(safeNext('/clusters/prod/groups/a%2Fb#top')).toBe('/clusters/prod/groups/a%2Fb#top');
  });

  it('%-encodes characters a Location header cannot hold, so the redirect after sign-in still works', () => {
    expect(safeNext('/clusters/prod/topics/Ā-ü')).toBe('/clusters/prod/topics/%C4%80-%C3%BC');
    expect(safeNext('/a b')).toBe('/a b');
    expect(() => redirectWithCookies(safeNext('/Ā'), [])).not.toThrow();
    expect(redirectWithCookies(safeNext('/Ā'), []).headers.get('location')).toBe('/%C4%80');
  });

  it('falls back to / without a value', () => {
    expect(safeNext(null)).toBe('/');
    expect(safeNext(undefined)).toBe('/');
    expect(safeNext('')).toBe('/');
  });

  it('falls back to / for an absolute URL or any scheme', () => {
    for (const next of [
      'https://evil.example/',
      'http://evil.example',
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<script>alert(1)</script>',
    ]) {
      expect(safeNext(next), next).toBe('/');
    }
  });

  it('falls back to / for protocol-relative and backslash forms that browsers read as another host', () => {
    for (const next of [
      '//evil.example',
      '//evil.example/path',
      '/\\evil.example',
      '/\\/evil.example',
      '\\\\evil.example',
      '\\/evil.example',
    ]) {
      expect(safeNext(next), next).toBe('/');
    }
  });

  it('falls back to / for a relative path, and for leading spaces or control characters', () => {
    for (const next of [
      'clusters',
      ' //evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/clusters\r\nSet-Cookie: x=1',
      '/\u0000',
    ]) {
      expect(safeNext(next), JSON.stringify(next)).toBe('/');
    }
  });
});

describe('redirectWithCookies', () => {
  it('answers 303 to the location, never cached, with every cookie', () => {
    const response = redirectWithCookies('/clusters', ['a=1; Path=/', 'b=2; Path=/']);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/clusters');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });
});

describe('sessionCookie', () => {
  const claims: SessionClaims = { name: 'ada', groups: ['sre'], via: 'basic' };

  it('seals the claims until the session’s maximum age, in an HttpOnly SameSite=Lax cookie', () => {
    const https = settings('https://dash.example.com');
    const cookie = sessionCookie(claims, https, NOW_MS);
    const parts = cookie.split('; ');
    expect(parts[0].startsWith(`${SESSION_COOKIE}=`)).toBe(true);
    expect(parts).toEqual(expect.arrayContaining(['Path=/', 'Max-Age=600', 'HttpOnly', 'SameSite=Lax', 'Secure']));
    const value = parts[0].slice(SESSION_COOKIE.length + 1);
    expect(unseal(value, https.sessionKey, NOW_MS + 599_999)).toEqual(claims);
    expect(unseal(value, https.sessionKey, NOW_MS + 600_000)).toBeNull();
  });

  it('leaves Secure out when publicUrl is http', () => {
    expect(sessionCookie(claims, settings('http://dash.example.com'), NOW_MS).split('; ')).not.toContain('Secure');
  });
});

describe('clearedCookie', () => {
  it('deletes the cookie with an empty value and a max age of 0', () => {
    expect(clearedCookie(SESSION_COOKIE, settings('https://dash.example.com'))).toBe(
      `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure`,
    );
  });
});

describe('signInPage', () => {
  it('gives the reason and the path to come back to, leaving out what is not needed', () => {
    expect(signInPage(null, '/')).toBe('/sign-in');
    expect(signInPage('failed', '/')).toBe('/sign-in?reason=failed');
    expect(signInPage(null, '/clusters')).toBe('/sign-in?next=%2Fclusters');
    expect(signInPage('expired', '/clusters/prod?tab=lag')).toBe(
      '/sign-in?reason=expired&next=%2Fclusters%2Fprod%3Ftab%3Dlag',
    );
  });
});

describe('notAvailable', () => {
  it('answers 404 naming the mode, never cached', async () => {
    const response = notAvailable('oidc');
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ error: 'sign-in with oidc is not configured (auth.mode)' });
  });
});
