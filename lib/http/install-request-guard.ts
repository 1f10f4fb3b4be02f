/**
 * Puts checkRequest() in front of Next.js. Next.js builds a fetch Request from every
 * Node request before any of our code (proxy or route) runs, and that step throws on
 * TRACE; so the check runs where Node hands the request to its listener, on every
 * HTTP(S) server of this process (`next start`, the standalone server, `next dev`).
 * Seeing every connection, it also knows the servers to close at shutdown.
 */
import http from 'node:http';
import https from 'node:https';
import { settlesWithin } from '../async/settles-within';
import type { AuthSettings } from '../auth/auth-settings';
import type { Principal } from '../auth/principal';
import { encodePrincipal, PRINCIPAL_HEADER } from '../auth/principal-header';
import { authenticate, decide, type GateRequest } from '../auth/request-gate';
import { isThrottled } from '../auth/sign-in-throttle';
import { openListenerWarning } from '../auth/start-warnings';
import { log } from '../log/logger';
import { errorAnswer, refusalAnswer, type ErrorAnswer } from './error-answer';
import { encodingHeaderFor } from './gzip-body';
import { checkRequest, PEER_HEADER, type HostPolicy } from './request-guard';
import { contentSecurityPolicy, newNonce, SECURITY_HEADERS } from './security-headers';

const INSTALLED = Symbol.for('watermark.requestGuard');
type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;

export interface GuardSettings {
  hosts: HostPolicy;
  auth: AuthSettings;
  /** Origins besides ours that forms may post to (the OpenID provider, for signing out there). */
  formTargets: string[];
}

/** Refused hosts already logged (bounded: a scan must not grow it without end). */
const loggedHosts = new Set<string>();

/** Servers that took a connection: they were listening before any of our code ran. */
const servers = new Set<http.Server>();

/** This request's Content-Security-Policy, with a nonce of its own. */
function policyFor(settings: GuardSettings): string {
  return contentSecurityPolicy(newNonce(), settings.formTargets, process.env.NODE_ENV === 'development');
}

function refuse(request: http.IncomingMessage, response: http.ServerResponse, settings: GuardSettings): boolean {
  // Only this guard sets these: whatever a client sent is dropped before anything reads it.
  delete request.headers[PEER_HEADER];
  delete request.headers[PRINCIPAL_HEADER];
  const refusal = checkRequest(
    {
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      host: request.headers.host,
      origin: request.headers.origin,
      contentLength: request.headers['content-length'],
    },
    settings.hosts,
  );
  if (!refusal) {
    request.headers[PEER_HEADER] = request.socket.remoteAddress ?? '';
    return false;
  }
  if (refusal.logKey && !loggedHosts.has(refusal.logKey) && loggedHosts.size < 100) {
    loggedHosts.add(refusal.logKey);
    const peer = request.socket.remoteAddress;
    log.warn(
      { component: 'http', status: refusal.status, peer, host: request.headers.host },
      `refused a request: ${refusal.message} (from ${peer})`,
    );
  }
  sendError(response, refusalAnswer(refusal, policyFor(settings)));
  return true;
}

function sendError(response: http.ServerResponse, answer: ErrorAnswer) {
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
}

/** Security headers on the answer; the policy's nonce also on the request, where Next.js reads it. */
function addSecurityHeaders(request: http.IncomingMessage, response: http.ServerResponse, settings: GuardSettings) {
  const policy = policyFor(settings);
  request.headers['content-security-policy'] = policy;
  delete request.headers['content-security-policy-report-only'];
  response.setHeader('Content-Security-Policy', policy);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
}

/** Hands the request to Next.js with its principal, or answers 401 / redirects to sign-in. */
function admit(
  gate: GateRequest,
  principal: Principal | null,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  auth: AuthSettings,
  pass: () => void,
): void {
  const decision = decide(gate, principal, auth);
  if (decision.kind === 'pass') {
    if (decision.principal) request.headers[PRINCIPAL_HEADER] = encodePrincipal(decision.principal);
    pass();
  } else if (decision.kind === 'redirect') {
    response.writeHead(303, { ...SECURITY_HEADERS, Location: decision.location, 'Cache-Control': 'no-store' });
    response.end();
  } else {
    const challenge: Record<string, string> = decision.basicChallenge
      ? { 'WWW-Authenticate': 'Basic realm="Watermark", charset="UTF-8"' }
      : {};
    sendError(response, errorAnswer(decision.status, decision.message, challenge));
  }
}

/** Authenticates, then passes the request on; HTTP Basic waits for its password check first. */
function gateThenPass(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  auth: AuthSettings,
  pass: () => void,
) {
  const gate: GateRequest = {
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    headers: request.headers,
    peer: request.socket.remoteAddress ?? '',
  };
  const found = authenticate(gate, auth, Date.now());
  if (isThrottled(found)) {
    const seconds = Math.ceil(found.retryAfterMs / 1000);
    const message = `too many failed sign-ins from this address: try again in ${seconds} s`;
    return sendError(response, errorAnswer(429, message, { 'Retry-After': String(seconds) }));
  }
  if (!(found instanceof Promise)) return admit(gate, found, request, response, auth, pass);
  found.then(
    (principal) => admit(gate, principal, request, response, auth, pass),
    (error: unknown) => {
      log.error({ component: 'http', err: error }, 'sign-in check failed');
      sendError(response, errorAnswer(500, 'internal error'));
    },
  );
}

/** Servers whose address was judged: each is warned about once at most. */
const judgedServers = new WeakSet<http.Server>();

/** auth.mode none on an address other people can reach: say so once for this server. */
function warnIfOpen(server: http.Server, auth: AuthSettings): void {
  const address = server.address();
  // Not listening yet: its 'listening' event comes later.
  if (address === null || judgedServers.has(server)) return;
  judgedServers.add(server);
  const warning = openListenerWarning(auth.mode, address);
  if (warning && typeof address !== 'string') {
    log.warn({ component: 'auth', address: address.address, port: address.port }, warning);
  }
}

/**
 * The HTTP(S) servers of this process that are listening already. Next.js listens before
 * it runs instrumentation (where the guard is installed), so their 'listening' events are
 * past; Node lists its open handles, a server among them, only through this undocumented
 * call. Without it, the fallback is a server's first connection.
 */
function listeningServers(): http.Server[] {
  const handles = (process as NodeJS.Process & { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  return handles.filter((h): h is http.Server => h instanceof http.Server || h instanceof https.Server);
}

/** A route's ENCODED_WITH header goes out as Content-Encoding (see gzip-body.ts). */
function passEncodingThrough(response: http.ServerResponse): void {
  const setHeader = response.setHeader;
  response.setHeader = function (name, value) {
    return setHeader.call(this, encodingHeaderFor(name) ?? name, value);
  };
}

/** Whether routes may send bodies they encoded (ENCODED_WITH): only with the guard installed. */
export function encodedBodiesPassThrough(): boolean {
  return (globalThis as typeof globalThis & { [INSTALLED]?: unknown })[INSTALLED] !== undefined;
}

/** Installs the guard once per process; later calls replace the settings. */
export function installRequestGuard(settings: GuardSettings): void {
  const global = globalThis as typeof globalThis & { [INSTALLED]?: { settings: GuardSettings } };
  if (global[INSTALLED]) {
    global[INSTALLED].settings = settings;
    return;
  }
  const state = { settings };
  global[INSTALLED] = state;
  for (const server of listeningServers()) warnIfOpen(server, settings.auth);
  for (const prototype of [http.Server.prototype, https.Server.prototype] as http.Server[]) {
    const inherited = prototype.emit as Emit;
    const guarded: Emit = function (event, ...args) {
      if (event === 'connection') servers.add(this);
      if (event === 'listening' || event === 'connection') warnIfOpen(this, state.settings.auth);
      if (event !== 'request') return inherited.call(this, event, ...args);
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      if (refuse(request, response, state.settings)) return true;
      passEncodingThrough(response);
      addSecurityHeaders(request, response, state.settings);
      gateThenPass(request, response, state.settings.auth, () => inherited.call(this, event, ...args));
      return true;
    };
    prototype.emit = guarded as typeof prototype.emit;
  }
}

/**
 * Stops every HTTP server of this process taking connections (idle keep-alive ones are
 * closed) and waits up to `graceMs` for the requests in progress; whatever is still open
 * then is cut. Says how many servers, and whether requests were cut.
 */
export async function closeHttpServers(graceMs: number): Promise<{ servers: number; cut: boolean }> {
  const closed = [...servers].map((server) => new Promise((resolve) => server.close(resolve)));
  const finished = await settlesWithin(Promise.all(closed), graceMs);
  if (!finished) for (const server of servers) server.closeAllConnections();
  return { servers: servers.size, cut: !finished };
}
