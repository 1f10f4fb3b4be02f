/**
 * OpenID Connect sign-in with openid-client: the authorization code flow with PKCE, the
 * state, nonce and code verifier kept in a short-lived sealed cookie between the two legs
 * (never on the server, so any restart or replica can finish a sign-in). Roles come from
 * the groups claim through auth.grants.
 */
import * as client from 'openid-client';
import type { GrantConfig } from '../config/auth-schema';
import { log } from '../log/logger';
import type { AuthSettings, OidcSettings } from './auth-settings';
import type { SessionClaims } from './request-gate';
import { cookieValue, seal, setCookie, unseal } from './sealed-cookie';
import {
  clearedCookie,
  MAX_COOKIE_BYTES,
  redirectWithCookies,
  safeNext,
  sessionCookie,
  signInPage,
} from './session-responses';

const FLOW_COOKIE = 'watermark_oidc_flow';
const FLOW_MAX_AGE_SECONDS = 600;

interface FlowState {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

const DISCOVERY = Symbol.for('watermark.oidcDiscovery');
type GlobalWithDiscovery = typeof globalThis & { [DISCOVERY]?: Promise<client.Configuration> };

/** The provider's configuration, discovered once; a failed discovery is tried again on the next sign-in. */
function providerConfig(oidc: OidcSettings): Promise<client.Configuration> {
  const global = globalThis as GlobalWithDiscovery;
  if (!global[DISCOVERY]) {
    const auth = oidc.clientSecret ? client.ClientSecretBasic(oidc.clientSecret) : client.None();
    // An http issuer is what the config asked for (a provider on an internal network or loopback).
    const execute = oidc.issuer.startsWith('http:') ? [client.allowInsecureRequests] : [];
    global[DISCOVERY] = client.discovery(new URL(oidc.issuer), oidc.clientId, undefined, auth, { execute });
    global[DISCOVERY].catch(() => delete global[DISCOVERY]);
  }
  return global[DISCOVERY];
}

/** GET /auth/oidc/start: off to the provider's sign-in page, coming back to `next`. */
export async function startOidcSignIn(settings: AuthSettings, next: string | null, nowMs: number): Promise<Response> {
  const oidc = settings.oidc!;
  const back = safeNext(next);
  let config: client.Configuration;
  try {
    config = await providerConfig(oidc);
  } catch (error) {
    log.error({ component: 'auth', issuer: oidc.issuer, err: error }, `OpenID provider ${oidc.issuer} did not answer`);
    return redirectWithCookies(signInPage('provider', back), []);
  }
  const flow: FlowState = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    next: back,
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: oidc.redirectUri,
    scope: oidc.scopes.join(' '),
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  });
  const sealed = seal(flow, settings.flowKey, nowMs + FLOW_MAX_AGE_SECONDS * 1000);
  const cookie = setCookie(FLOW_COOKIE, sealed, {
    maxAgeSeconds: FLOW_MAX_AGE_SECONDS,
    secure: settings.secureCookies,
  });
  return redirectWithCookies(url.toString(), [cookie]);
}

/** The groups in claim `name`: a list, one string, or none when the claim is missing or of another kind. */
export function groupsInClaim(claims: Record<string, unknown>, name: string): string[] {
  const groups = claims[name];
  return Array.isArray(groups) ? groups.map(String) : typeof groups === 'string' ? [groups] : [];
}

/**
 * The session for the provider's claims: the user name (usernameClaim, else email, else
 * sub) and, of their groups, only those a grant names. Roles come from nothing else, and
 * a user may be in hundreds of groups (Entra ID, Okta): all of them would make a cookie
 * larger than browsers keep, so its size is bounded by the config instead.
 */
export function claimsToSession(
  claims: Record<string, unknown>,
  oidc: OidcSettings,
  grants: readonly GrantConfig[],
): SessionClaims {
  const name = claims[oidc.usernameClaim] ?? claims.email ?? claims.sub;
  const granted = new Set(grants.flatMap((g) => (g.group === undefined ? [] : [g.group])));
  const groups = [...new Set(groupsInClaim(claims, oidc.groupsClaim))].filter((g) => granted.has(g));
  return { name: String(name), groups, via: 'oidc' };
}

/**
 * Why a code exchange failed, for the sign-in page: `denied` when the provider refused the
 * user, `incomplete` for anything else (a bad code or state, a provider error). Neither
 * says whether the user exists; that is the provider's to say on its own page.
 */
export function oidcFailureReason(error: unknown): 'denied' | 'incomplete' {
  return (error as { error?: unknown } | null)?.error === 'access_denied' ? 'denied' : 'incomplete';
}

/**
 * The answer once the provider has vouched for `idClaims`: a session cookie and back to
 * `next`; or, when that cookie would be larger than browsers keep (they drop it without a
 * word, and sign-in would loop through the provider), back to sign-in saying so.
 */
export function oidcSessionResponse(
  idClaims: Record<string, unknown>,
  settings: AuthSettings,
  next: string,
  nowMs: number,
): Response {
  const oidc = settings.oidc!;
  const clearFlow = clearedCookie(FLOW_COOKIE, settings);
  const claims = claimsToSession(idClaims, oidc, settings.grants);
  const fields = { component: 'auth', user: claims.name, groups: claims.groups };
  const cookie = sessionCookie(claims, settings, nowMs);
  const bytes = Buffer.byteLength(cookie);
  if (bytes > MAX_COOKIE_BYTES) {
    log.error(
      { ...fields, cookieBytes: bytes },
      `${claims.name} cannot be signed in: the session cookie would be ${bytes} bytes, more than the ${MAX_COOKIE_BYTES} browsers keep (too many granted groups, or too long a name)`,
    );
    return redirectWithCookies(signInPage('too-large', next), [clearFlow]);
  }
  log.info(fields, `${claims.name} signed in`);
  return redirectWithCookies(next, [clearFlow, cookie]);
}

/** GET /auth/oidc/callback: the code exchanged for tokens, the session made, back where the user was. */
export async function finishOidcSignIn(
  settings: AuthSettings,
  requestUrl: string,
  cookieHeader: string | null,
  nowMs: number,
): Promise<Response> {
  const oidc = settings.oidc!;
  const clearFlow = clearedCookie(FLOW_COOKIE, settings);
  const sealed = cookieValue(cookieHeader ?? undefined, FLOW_COOKIE);
  const flow = sealed ? unseal<FlowState>(sealed, settings.flowKey, nowMs) : null;
  if (!flow) return redirectWithCookies(signInPage('expired', '/'), [clearFlow]);
  // The provider sent the browser to publicUrl's callback; the request may have reached us under another name.
  const callback = new URL(oidc.redirectUri);
  callback.search = new URL(requestUrl, 'http://host').search;
  try {
    const config = await providerConfig(oidc);
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
    });
    return oidcSessionResponse(tokens.claims() ?? {}, settings, flow.next, nowMs);
  } catch (error) {
    const reason = oidcFailureReason(error);
    log.warn({ component: 'auth', err: error }, `OpenID sign-in failed: ${(error as Error).message}`);
    return redirectWithCookies(signInPage(reason, flow.next), [clearFlow]);
  }
}

/** Where signing out sends the browser: the provider's end-session page when it has one, coming back to sign-in. */
export async function oidcSignOutUrl(settings: AuthSettings, returnTo: string): Promise<string | null> {
  try {
    const config = await providerConfig(settings.oidc!);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, { post_logout_redirect_uri: returnTo }).toString();
  } catch {
    return null;
  }
}
