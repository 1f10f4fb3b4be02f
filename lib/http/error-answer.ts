/**
 * The JSON error answers the request guard writes itself, before or instead of Next.js:
 * refusals (400, 403, 405, 413), and the sign-in gate's 401, 429 and 500. Pure, so the
 * headers every one of them carries can be checked without a server.
 */
import type { Refusal } from './request-guard';
import { SECURITY_HEADERS } from './security-headers';

export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** `{ "error": message }`, never cached, with the security headers and any `extra` ones. */
export function errorAnswer(status: number, message: string, extra: Record<string, string> = {}): ErrorAnswer {
  const body = JSON.stringify({ error: message });
  return {
    status,
    headers: {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(body)),
      'Cache-Control': 'no-store',
      ...extra,
    },
    body,
  };
}

/**
 * The answer to a request the guard refused. It is written before the request gets its
 * own policy, so it carries `contentSecurityPolicy` itself: every answer has one. The body
 * of a refused request is never read (it may be a large upload), so the connection closes.
 */
export function refusalAnswer(refusal: Refusal, contentSecurityPolicy: string): ErrorAnswer {
  return errorAnswer(refusal.status, refusal.message, {
    'Content-Security-Policy': contentSecurityPolicy,
    Connection: 'close',
    ...(refusal.status === 405 ? { Allow: 'GET, HEAD, POST, DELETE' } : {}),
  });
}
