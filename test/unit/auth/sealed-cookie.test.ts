import { describe, expect, it } from 'vitest';
import { cookieValue, deriveCookieKey, seal, setCookie, unseal } from '@/lib/auth/sealed-cookie';

const NOW_MS = Date.UTC(2025, 0, 1);
const key = deriveCookieKey('a session secret of some length', 'session');

/** The same text with one byte of its decoded form flipped. */
function flipByte(text: string, index: number): string {
  const bytes = Buffer.from(text, 'base64url');
  bytes[index] ^= 0x01;
  return bytes.toString('base64url');
}

describe('deriveCookieKey', () => {
  it('makes a 32-byte key that depends on the secret and on the purpose', () => {
    expect(key).toHaveLength(32);
    expect(deriveCookieKey('a session secret of some length', 'session').equals(key)).toBe(true);
    expect(deriveCookieKey('a session secret of some length', 'oidc-flow').equals(key)).toBe(false);
    expect(deriveCookieKey('another secret', 'session').equals(key)).toBe(false);
  });
});

describe('seal and unseal', () => {
  const claims = { name: 'ada', groups: ['sre'], via: 'basic' };

  it('give back the sealed value before it expires', () => {
    const sealed = seal(claims, key, NOW_MS + 60_000);
    expect(unseal(sealed, key, NOW_MS)).toEqual(claims);
    expect(unseal(sealed, key, NOW_MS + 59_999)).toEqual(claims);
  });

  it('write text that is safe in a cookie and does not show the value', () => {
    const sealed = seal(claims, key, NOW_MS + 60_000);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('ada');
  });

  it('seal the same value differently each time (a fresh IV)', () => {
    expect(seal(claims, key, NOW_MS + 60_000)).not.toBe(seal(claims, key, NOW_MS + 60_000));
  });

  it('read an expired value as null, from the expiry instant on', () => {
    const sealed = seal(claims, key, NOW_MS + 60_000);
    expect(unseal(sealed, key, NOW_MS + 60_000)).toBeNull();
    expect(unseal(sealed, key, NOW_MS + 3_600_000)).toBeNull();
  });

  it('read a changed value as null, whichever part was changed', () => {
    const sealed = seal(claims, key, NOW_MS + 60_000);
    const length = Buffer.from(sealed, 'base64url').length;
    // The IV (first 12 bytes), the tag (next 16) and the ciphertext.
    for (const index of [0, 11, 12, 27, 28, length - 1]) {
      expect(unseal(flipByte(sealed, index), key, NOW_MS), `byte ${index}`).toBeNull();
    }
  });

  it('read a value sealed with another key as null', () => {
    const sealed = seal(claims, deriveCookieKey('another secret', 'session'), NOW_MS + 60_000);
    expect(unseal(sealed, key, NOW_MS)).toBeNull();
  });

  it('read a value sealed for another purpose as null', () => {
    const sealed = seal(claims, deriveCookieKey('a session secret of some length', 'oidc-flow'), NOW_MS + 60_000);
    expect(unseal(sealed, key, NOW_MS)).toBeNull();
  });

  it('read text that is too short or empty as null rather than throwing', () => {
    expect(unseal('', key, NOW_MS)).toBeNull();
    expect(unseal('abc', key, NOW_MS)).toBeNull();
    expect(unseal(Buffer.alloc(28).toString('base64url'), key, NOW_MS)).toBeNull();
    expect(unseal(Buffer.alloc(64).toString('base64url'), key, NOW_MS)).toBeNull();
  });
});

describe('cookieValue', () => {
  it('finds the named cookie among others, trimming spaces', () => {
    expect(cookieValue('a=1; watermark_session=abc-def ; b=2', 'watermark_session')).toBe('abc-def');
    expect(cookieValue('watermark_session=x', 'watermark_session')).toBe('x');
  });

  it('keeps "=" inside a value', () => {
    expect(cookieValue('t=a=b==', 't')).toBe('a=b==');
  });

  it('does not match a cookie whose name only contains the asked name', () => {
    expect(cookieValue('old_watermark_session=x; watermark_session_2=y', 'watermark_session')).toBeUndefined();
  });

  it('answers undefined without a header or without the cookie', () => {
    expect(cookieValue(undefined, 'a')).toBeUndefined();
    expect(cookieValue('', 'a')).toBeUndefined();
    expect(cookieValue('b=1', 'a')).toBeUndefined();
  });
});

describe('setCookie', () => {
  it('marks the cookie HttpOnly and SameSite=Lax, on path / by default, with its max age', () => {
    const parts = setCookie('watermark_session', 'v', { maxAgeSeconds: 3600, secure: false }).split('; ');
    expect(parts[0]).toBe('watermark_session=v');
    expect(parts).toContain('HttpOnly');
    expect(parts).toContain('SameSite=Lax');
    expect(parts).toContain('Path=/');
    expect(parts).toContain('Max-Age=3600');
  });

  it('adds Secure only when asked', () => {
    expect(setCookie('a', 'v', { maxAgeSeconds: 1, secure: false }).split('; ')).not.toContain('Secure');
    expect(setCookie('a', 'v', { maxAgeSeconds: 1, secure: true }).split('; ')).toContain('Secure');
  });

  it('uses the given path', () => {
    const parts = setCookie('flow', 'v', { maxAgeSeconds: 600, secure: true, path: '/auth/oidc' }).split('; ');
    expect(parts).toContain('Path=/auth/oidc');
    expect(parts).not.toContain('Path=/');
  });

  it('deletes the cookie with a max age of 0', () => {
    expect(setCookie('a', '', { maxAgeSeconds: 0, secure: false })).toBe(
      'a=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax',
    );
  });
});
