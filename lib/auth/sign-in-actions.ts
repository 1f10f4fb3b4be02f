/**
 * The sign-in form's POST (auth.mode basic) and signing out, for the routes under /auth.
 * A refused sign-in says only that the name or password was wrong, whichever it was.
 */
import { readLimitedText } from '../api/respond';
import { publicPageUrl } from '../http/base-path';
import { PEER_HEADER } from '../http/request-guard';
import { log } from '../log/logger';
import type { AuthSettings } from './auth-settings';
import { oidcSignOutUrl } from './oidc-flow';
import { SESSION_COOKIE } from './request-gate';
import { clearedCookie, redirectWithCookies, safeNext, sessionCookie, signInPage } from './session-responses';

const FORM_LIMIT_BYTES = 4 * 1024;

/** POST /auth/basic (form: username, password, next). */
export async function basicSignIn(settings: AuthSettings, request: Request, nowMs: number): Promise<Response> {
  const form = new URLSearchParams(await readLimitedText(request, FORM_LIMIT_BYTES).catch(() => ''));
  const next = safeNext(form.get('next'));
  const username = form.get('username') ?? '';
  if (!settings.basic) return redirectWithCookies(signInPage('failed', next), []);
  const { passwords, throttle } = settings.basic;
  const peer = request.headers.get(PEER_HEADER) ?? '';
  if (throttle.retryAfterMs(peer, username, nowMs) > 0) {
    log.warn({ component: 'auth' }, 'a sign-in was refused without a check: too many failures');
    return redirectWithCookies(signInPage('throttled', next), []);
  }
  const name = await passwords.verify(username, form.get('password') ?? '', nowMs);
  if (!name) throttle.failed(peer, username, nowMs);
  if (!name) {
    log.warn({ component: 'auth' }, 'a sign-in was refused (wrong user name or password)');
    return redirectWithCookies(signInPage('failed', next), []);
  }
  log.info({ component: 'auth', user: name }, `${name} signed in`);
  return redirectWithCookies(next, [sessionCookie({ name, groups: [], via: 'basic' }, settings, nowMs)]);
}

/** POST /auth/sign-out: the session cookie deleted; with OIDC, on to the provider's sign-out too. */
export async function signOut(settings: AuthSettings): Promise<Response> {
  const cleared = clearedCookie(SESSION_COOKIE, settings);
  const signedOut = signInPage('signed-out', '/');
  const back = settings.publicUrl ? publicPageUrl(settings.publicUrl, signedOut) : null;
  const atProvider = settings.oidc && back ? await oidcSignOutUrl(settings, back) : null;
  return redirectWithCookies(atProvider ?? signedOut, [cleared]);
}
