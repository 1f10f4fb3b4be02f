/**
 * Cookie values only this server can read or make: JSON encrypted and authenticated with
 * AES-256-GCM under a key derived from auth.sessionSecret. A cookie that was changed,
 * made with another key or has expired reads as null, never as an error.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { withBasePath } from '../http/base-path';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A 32-byte key for one purpose ("session", "oidc-flow"), so one cookie cannot stand in for another. */
export function deriveCookieKey(secret: string | Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'watermark', `cookie:${purpose}`, 32));
}

/** `value` sealed until `expiresAtMs`; base64url, safe in a cookie. */
export function seal(value: unknown, key: Buffer, expiresAtMs: number): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const plain = Buffer.from(JSON.stringify({ v: value, exp: expiresAtMs }));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The sealed value, or null when the text was not sealed with this key or has expired at `nowMs`. */
export function unseal<T>(text: string, key: Buffer, nowMs: number): T | null {
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    const { v, exp } = JSON.parse(plain.toString('utf8')) as { v: T; exp: number };
    return typeof exp === 'number' && exp > nowMs ? v : null;
  } catch {
    return null;
  }
}

/** The value of cookie `name` in a Cookie header, or undefined. */
export function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface CookieOptions {
  maxAgeSeconds: number;
  /** Sent only over HTTPS: when publicUrl is https. */
  secure: boolean;
  /** Default: the base path (the whole app, and only it). */
  path?: string;
}

/** A Set-Cookie value: HttpOnly and SameSite=Lax always; a max age of 0 deletes the cookie. */
export function setCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, `Path=${options.path ?? withBasePath('/')}`, `Max-Age=${options.maxAgeSeconds}`];
  parts.push('HttpOnly', 'SameSite=Lax');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
