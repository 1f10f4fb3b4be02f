/**
 * OpenID Connect sign-in with openid-client: the authorization code flow with PKCE, the
 * state, nonce and code verifier kept in a short-lived sealed cookie between the two legs
 * (never on the server, so any restart or replica can finish a sign-in). Roles come from
 * the groups claim through auth.grants.
 */
import * as client from 'openid-client';
import { log } from '../log/logger';
import type { AuthSettings, OidcSettings } from './auth-settings';
import type { SessionClaims } from './request-gate';
import { cookieValue, seal, setCookie, unseal } from './sealed-cookie';
import { clearedCookie, redirectWithCookies, safeNext, sessionCookie, signInPage } from './session-responses';

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

/** The user name and groups in the provider's claims (a groups claim may be one string or a list). */
export function claimsToSession(claims: Record<string, unknown>, oidc: OidcSettings): SessionClaims {
  const name = claims[oidc.usernameClaim] ?? claims.email ?? claims.sub;
  const groups = claims[oidc.groupsClaim];
  return {
    name: String(name),
    groups: Array.isArray(groups) ? groups.map(String) : typeof groups === 'string' ? [groups] : [],
    via: 'oidc',
  };
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
    const claims = claimsToSession(tokens.claims() ?? {}, oidc);
    log.info({ component: 'auth', user: claims.name, groups: claims.groups }, `${claims.name} signed in`);
    return redirectWithCookies(flow.next, [clearFlow, sessionCookie(claims, settings, nowMs)]);
  } catch (error) {
    const reason = (error as { error?: string }).error === 'access_denied' ? 'denied' : 'failed';
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
