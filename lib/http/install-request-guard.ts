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
import { log } from '../log/logger';
import { encodingHeaderFor } from './gzip-body';
import { checkRequest, PEER_HEADER, type HostPolicy } from './request-guard';

const INSTALLED = Symbol.for('watermark.requestGuard');
type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;

/** Refused hosts already logged (bounded: a scan must not grow it without end). */
const loggedHosts = new Set<string>();

/** Servers that took a connection: they were listening before any of our code ran. */
const servers = new Set<http.Server>();

function refuse(request: http.IncomingMessage, response: http.ServerResponse, policy: HostPolicy): boolean {
  const refusal = checkRequest(
    {
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      host: request.headers.host,
      origin: request.headers.origin,
      contentLength: request.headers['content-length'],
    },
    policy,
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
  const body = JSON.stringify({ error: refusal.message });
  response.writeHead(refusal.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    // The body we did not read (a refused upload) is not drained: close instead.
    Connection: 'close',
    ...(refusal.status === 405 ? { Allow: 'GET, HEAD, POST, DELETE' } : {}),
  });
  response.end(body);
  return true;
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

/** Installs the guard once per process; later calls replace the policy. */
export function installRequestGuard(policy: HostPolicy): void {
  const global = globalThis as typeof globalThis & { [INSTALLED]?: { policy: HostPolicy } };
  if (global[INSTALLED]) {
    global[INSTALLED].policy = policy;
    return;
  }
  const state = { policy };
  global[INSTALLED] = state;
  for (const prototype of [http.Server.prototype, https.Server.prototype] as http.Server[]) {
    const inherited = prototype.emit as Emit;
    const guarded: Emit = function (event, ...args) {
      if (event === 'connection') servers.add(this);
      if (event === 'request') {
        const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
        if (refuse(request, response, state.policy)) return true;
        passEncodingThrough(response);
      }
      return inherited.call(this, event, ...args);
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
