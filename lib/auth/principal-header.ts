/** The principal, carried from the request gate to routes and pages in a request header. */
import type { Principal } from './principal';

/**
 * The request header that carries the principal from the request gate to routes and pages.
 * The gate removes any value a client sent before it sets its own.
 */
export const PRINCIPAL_HEADER = 'x-watermark-principal';

export function encodePrincipal(principal: Principal): string {
  return Buffer.from(JSON.stringify(principal)).toString('base64url');
}

/** The principal in the header, or null when it is absent or not one the gate wrote. */
export function decodePrincipal(value: string | null | undefined): Principal | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Principal;
    return typeof parsed.name === 'string' && Array.isArray(parsed.grants) ? parsed : null;
  } catch {
    return null;
  }
}
