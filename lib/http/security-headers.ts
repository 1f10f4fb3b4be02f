/**
 * Headers every answer carries. The Content-Security-Policy allows scripts only from this
 * origin and with the request's nonce (Next.js reads the nonce from the request's own
 * Content-Security-Policy header and puts it on the scripts it writes), no framing, no
 * plugins, and forms posting only here or to the sign-in provider. Styles may be inline:
 * React and recharts write style attributes, which a nonce cannot cover.
 */
import { randomBytes } from 'node:crypto';

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * `formTargets`: origins besides this one a form may post to (an OpenID provider's sign-out).
 * `development`: `next dev` needs eval for its error overlay.
 */
export function contentSecurityPolicy(nonce: string, formTargets: string[] = [], development = false): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action ${["'self'", ...formTargets].join(' ')}`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

/** The headers besides the policy; the same on pages, API answers and refusals. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
