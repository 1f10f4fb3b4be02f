/**
 * The answers of the sign-in routes: a redirect that starts or ends a session, and the
 * checks on where a sign-in may send people back to.
 */
import { withBasePath } from '../http/base-path';
import type { AuthSettings } from './auth-settings';
import { SESSION_COOKIE, type SessionClaims } from './request-gate';
import { seal, setCookie } from './sealed-cookie';
import type { SignInReason } from './sign-in-reasons';

/**
 * A path on this site to return to after sign-in; anything else (another site, `//host`,
 * `/\host`, a URL with a scheme) becomes "/", so a sign-in link cannot send people away.
 * Characters a Location header cannot hold are %-encoded.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (/[\u0000-\u001f\u007f]/.test(next)) return '/';
  return next.replace(/[^\u0020-\u007e]+/gu, (run) => encodeURIComponent(run));
}

/**
 * A 303 to `location`, an app path (the base path is added) or another site's URL, with the
 * given Set-Cookie values; never cached.
 */
export function redirectWithCookies(location: string, cookies: string[]): Response {
  const headers = new Headers({
    Location: location.startsWith('/') ? withBasePath(location) : location,
    'Cache-Control': 'no-store',
  });
  for (const cookie of cookies) headers.append('Set-Cookie', cookie);
  return new Response(null, { status: 303, headers });
}

/**
 * The largest Set-Cookie value sent, in bytes. Browsers keep a cookie of about 4096 bytes
 * (name, value and, in some, attributes) and silently drop a larger one; a little is kept
 * in hand.
 */
export const MAX_COOKIE_BYTES = 4000;

/** The Set-Cookie of a new session for these claims. */
export function sessionCookie(claims: SessionClaims, settings: AuthSettings, nowMs: number): string {
  const maxAgeSeconds = settings.sessionMaxAgeSeconds;
  const value = seal(claims, settings.sessionKey, nowMs + maxAgeSeconds * 1000);
  return setCookie(SESSION_COOKIE, value, { maxAgeSeconds, secure: settings.secureCookies });
}

/** The Set-Cookie that deletes cookie `name`. */
export function clearedCookie(name: string, settings: AuthSettings): string {
  return setCookie(name, '', { maxAgeSeconds: 0, secure: settings.secureCookies });
}

/** The sign-in page, with why it is shown (a reason of sign-in-reasons.ts) and where to go after. */
export function signInPage(reason: SignInReason | null, next: string): string {
  const query = new URLSearchParams();
  if (reason) query.set('reason', reason);
  if (next !== '/') query.set('next', next);
  const text = query.toString();
  return text ? `/sign-in?${text}` : '/sign-in';
}

/** A sign-in route of a mode that is not configured: 404, saying which mode is. */
export function notAvailable(mode: string): Response {
  return Response.json(
    { error: `sign-in with ${mode} is not configured (auth.mode)` },
    { status: 404, headers: { 'Cache-Control': 'no-store' } },
  );
}
