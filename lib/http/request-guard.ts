/**
 * What every HTTP request must pass before Next.js sees it. Pure: the installer
 * (install-request-guard.ts) feeds it Node's request and writes the refusal.
 *
 * - TRACE, TRACK and CONNECT: 405 (Next.js answers TRACE with a 500 and a stack).
 * - A path with a malformed %-encoding: 400 (Next.js answers 500).
 * - A Host header that is not ours: 403. A page from another site whose name was
 *   re-pointed at this address (DNS rebinding) would otherwise read and write the API
 *   as if it were same-origin. IP literals are always ours: a browser sends the name
 *   it resolved, never the IP, so a rebinding page cannot present one.
 * - A state-changing request whose Origin is another site: 403.
 * - A body declared larger than the API accepts: 413, before it is read.
 */
import os from 'node:os';
import { isIP } from 'node:net';

/**
 * Set on every request that passes, from the socket's address, replacing anything the
 * client sent: unlike X-Forwarded-For (which Next.js keeps when the client sets it), it
 * says who really connected.
 */
export const PEER_HEADER = 'x-watermark-peer';

/** Who made a request, for the log: the connecting address and any X-Forwarded-For it claims. */
export function requestSource(headers: Headers): string {
  const peer = headers.get(PEER_HEADER) || 'unknown address';
  const forwarded = headers.get('x-forwarded-for');
  return forwarded && forwarded !== peer ? `${peer} (X-Forwarded-For: ${forwarded})` : peer;
}

/** The largest request body any route accepts (silences are a few hundred bytes). */
export const MAX_BODY_BYTES = 16 * 1024;

const REFUSED_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface GuardedRequest {
  method: string;
  /** The request target as sent: path and query. */
  url: string;
  host: string | undefined;
  origin: string | undefined;
  contentLength: string | undefined;
}

export interface Refusal {
  status: 400 | 403 | 405 | 413;
  message: string;
  /** For the log: what the refusal is about (a host name), so each is logged once. */
  logKey?: string;
}

export interface HostPolicy {
  /** Lower-case host names (no port); `*.example.com` allows its subdomains. */
  allowedHosts: string[];
}

/** "name:port", "[v6]:port" or "name" → "name" / "v6", lower-case. */
export function hostName(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(1, trimmed.indexOf(']') > 0 ? trimmed.indexOf(']') : undefined);
  const colon = trimmed.lastIndexOf(':');
  return (colon >= 0 && trimmed.indexOf(':') === colon ? trimmed.slice(0, colon) : trimmed).replace(/\.$/, '');
}

export function isAllowedHost(host: string, policy: HostPolicy): boolean {
  const name = hostName(host);
  if (isIP(name) !== 0) return true;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  return policy.allowedHosts.some((allowed) =>
    allowed.startsWith('*.') ? name.endsWith(allowed.slice(1)) : name === allowed,
  );
}

function hasMalformedPath(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0];
  if (!path.includes('%')) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

function crossOrigin(origin: string, host: string | undefined): boolean {
  if (origin === 'null') return true;
  try {
    return host === undefined || new URL(origin).host.toLowerCase() !== host.trim().toLowerCase();
  } catch {
    return true;
  }
}

/** Null when the request may go on; otherwise the status and a one-line reason. */
export function checkRequest(request: GuardedRequest, policy: HostPolicy): Refusal | null {
  const method = request.method.toUpperCase();
  if (REFUSED_METHODS.has(method)) return { status: 405, message: `method ${method} is not allowed` };
  if (request.host !== undefined && !isAllowedHost(request.host, policy)) {
    const name = hostName(request.host);
    return {
      status: 403,
      message: `host "${name}" is not allowed: add it to allowedHosts in the configuration (or WATERMARK_ALLOWED_HOSTS)`,
      logKey: name,
    };
  }
  if (!SAFE_METHODS.has(method) && request.origin !== undefined && crossOrigin(request.origin, request.host)) {
    return { status: 403, message: 'cross-site requests are not allowed' };
  }
  if (hasMalformedPath(request.url)) return { status: 400, message: 'malformed %-encoding in the path' };
  if (request.contentLength !== undefined && Number(request.contentLength) > MAX_BODY_BYTES) {
    return { status: 413, message: `body larger than ${MAX_BODY_BYTES} bytes` };
  }
  return null;
}

/**
 * The host names this server answers to besides IP literals and localhost: the
 * configured ones, WATERMARK_ALLOWED_HOSTS (comma-separated), the public URL's host
 * and this machine's own name.
 */
export function hostPolicy(
  configured: string[] | undefined,
  publicUrl: string | undefined,
  env: Record<string, string | undefined>,
  machineName: string = os.hostname(),
): HostPolicy {
  const fromEnv = (env.WATERMARK_ALLOWED_HOSTS ?? '').split(',');
  const names = [...(configured ?? []), ...fromEnv, publicUrl ? new URL(publicUrl).hostname : '', machineName];
  return { allowedHosts: [...new Set(names.map((n) => hostName(n)).filter(Boolean))] };
}
