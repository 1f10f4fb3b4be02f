/**
 * The sign-in check every request passes before Next.js sees it (install-request-guard.ts
 * calls it): who is asking (a bearer token, a session cookie, HTTP Basic, a trusted
 * proxy's headers), and, for someone unknown, a 401 for the API or a redirect to sign-in
 * for a page. What a known principal may do per cluster is decided by the routes
 * (request-access.ts); this only tells who they are.
 */
import { timingSafeEqual } from 'node:crypto';
import { appPathOf, BASE_PATH, withBasePath } from '../http/base-path';
import type { AuthSettings } from './auth-settings';
import { isTrustedProxy } from './auth-settings';
import { parseBasicAuthorization } from './password-check';
import { ANONYMOUS_OPERATOR, grantsFor, type Principal } from './principal';
import { cookieValue, unseal } from './sealed-cookie';
import type { Throttled } from './sign-in-throttle';

export const SESSION_COOKIE = 'watermark_session';

/** What a session cookie holds: who signed in and their groups; grants are worked out per request. */
export interface SessionClaims {
  name: string;
  groups: string[];
  via: 'basic' | 'oidc';
}

export interface GateRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  peer: string;
}

export type GateDecision =
  | { kind: 'pass'; principal: Principal | null }
  | { kind: 'refuse'; status: 401; message: string; basicChallenge: boolean }
  | { kind: 'redirect'; location: string };

/** Paths anyone may open: the sign-in pages, static assets, liveness. */
const PUBLIC_PATHS = new Set(['/api/health/live', '/sign-in', '/favicon.svg', '/favicon.ico']);
const PUBLIC_PREFIXES = ['/_next/static/', '/auth/'];

/** The path as Next.js will route it (dot segments resolved, query dropped). */
export function routedPath(url: string): string {
  try {
    return new URL(`http://host${url.startsWith('/') ? '' : '/'}${url}`).pathname;
  } catch {
    return url;
  }
}

const header = (request: GateRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearer(request: GateRequest): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header(request, 'authorization') ?? '');
  return match ? match[1] : null;
}

function principalOfSession(claims: SessionClaims, settings: AuthSettings): Principal {
  const own = settings.basic?.users.get(claims.name) ?? [];
  return { name: claims.name, via: claims.via, grants: grantsFor(claims.name, claims.groups, settings.grants, own) };
}

function principalFromProxy(request: GateRequest, settings: AuthSettings): Principal | null {
  const proxy = settings.proxy!;
  const user = header(request, proxy.userHeader)?.trim();
  if (!user || !isTrustedProxy(proxy, request.peer)) return null;
  const groups = (header(request, proxy.groupsHeader) ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
  return { name: user, via: 'proxy', grants: grantsFor(user, groups, settings.grants) };
}

/**
 * The principal behind the request's credentials, or null. HTTP Basic needs a bcrypt
 * comparison, hence the promise; everything else answers at once. An address with too
 * many failed password checks gets Throttled, and no check.
 */
export function authenticate(
  request: GateRequest,
  settings: AuthSettings,
  nowMs: number,
): Principal | null | Throttled | Promise<Principal | null> {
  if (settings.mode === 'none') return ANONYMOUS_OPERATOR;
  const token = bearer(request);
  if (token !== null) {
    const match = settings.tokens.find((t) => sameSecret(token, t.value));
    return match ? { name: `token ${match.name}`, via: 'token', grants: match.grants } : null;
  }
  const session = cookieValue(header(request, 'cookie'), SESSION_COOKIE);
  const claims = session ? unseal<SessionClaims>(session, settings.sessionKey, nowMs) : null;
  if (claims) return principalOfSession(claims, settings);
  if (settings.proxy) return principalFromProxy(request, settings);
  const basic = settings.basic ? parseBasicAuthorization(header(request, 'authorization')) : null;
  if (basic && settings.basic) {
    const { passwords, throttle } = settings.basic;
    const retryAfterMs = throttle.retryAfterMs(request.peer, basic.username, nowMs);
    if (retryAfterMs > 0) return { throttled: true, retryAfterMs };
    return passwords.verify(basic.username, basic.password, nowMs).then((name) => {
      if (!name) throttle.failed(request.peer, basic.username, nowMs);
      return name ? principalOfSession({ name, groups: [], via: 'basic' }, settings) : null;
    });
  }
  return null;
}

/**
 * /api/metrics is for Prometheus: open, or only for metrics.bearerToken when one is set (it
 * holds every cluster, so a user limited to some clusters may not read it either).
 */
function metricsAllowed(request: GateRequest, settings: AuthSettings): boolean {
  if (!settings.metricsToken) return true;
  const token = bearer(request);
  return token !== null && sameSecret(token, settings.metricsToken);
}

/** Where a page request without a principal goes to sign in, coming back to app path `next` after. */
function signInLocation(settings: AuthSettings, next: string, basePath: string): string | null {
  const back = encodeURIComponent(next);
  if (settings.mode === 'oidc') return withBasePath(`/auth/oidc/start?next=${back}`, basePath);
  // proxy: the sign-in page says to come through the proxy.
  if (settings.mode === 'basic' || settings.mode === 'proxy') return withBasePath(`/sign-in?next=${back}`, basePath);
  return null;
}

/**
 * Pass, 401 or redirect, for a request whose principal (or lack of one) is known. Paths are
 * judged without the base path; a request outside it passes to Next.js, which answers 404.
 */
export function decide(
  request: GateRequest,
  principal: Principal | null,
  settings: AuthSettings,
  basePath: string = BASE_PATH,
): GateDecision {
  const path = appPathOf(routedPath(request.url), basePath);
  if (path === null) return { kind: 'pass', principal };
  if (path === '/api/metrics') {
    if (metricsAllowed(request, settings)) return { kind: 'pass', principal };
    return {
      kind: 'refuse',
      status: 401,
      message: 'send Authorization: Bearer with metrics.bearerToken',
      basicChallenge: false,
    };
  }
  if (
    principal ||
    PUBLIC_PATHS.has(path) ||
    path === '/api/health' ||
    PUBLIC_PREFIXES.some((p) => path.startsWith(p))
  ) {
    return { kind: 'pass', principal };
  }
  const isApi = path === '/api' || path.startsWith('/api/');
  const method = request.method.toUpperCase();
  const location = signInLocation(settings, appPathOf(request.url, basePath) ?? path, basePath);
  // A client-side navigation or prefetch (Next.js's RSC requests) gets a 401, not a redirect
  // that would start a sign-in in the background; the router then loads the page itself.
  const rsc = header(request, 'rsc') !== undefined;
  if (!isApi && !rsc && location && (method === 'GET' || method === 'HEAD')) return { kind: 'redirect', location };
  const sentCredentials =
    header(request, 'authorization') !== undefined || header(request, 'cookie')?.includes(SESSION_COOKIE);
  const message =
    settings.mode === 'proxy'
      ? 'sign-in is done by the proxy in front of Watermark, and this request did not come through it'
      : sentCredentials
        ? 'not signed in: the credentials were refused or the session has ended; sign in again'
        : 'not signed in: sign in first, or send an API token as Authorization: Bearer';
  // A browser asks for a password on a Basic challenge: fine when the API URL was opened as a
  // page, not for the dashboard's own fetches (Sec-Fetch-Dest: empty). API clients send no
  // Sec-Fetch-Dest (Node's fetch sends Sec-Fetch-Mode only).
  const dest = header(request, 'sec-fetch-dest');
  const basicChallenge = settings.mode === 'basic' && (dest === undefined || dest === 'document');
  return { kind: 'refuse', status: 401, message, basicChallenge };
}
