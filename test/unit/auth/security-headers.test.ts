import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, SECURITY_HEADERS } from '@/lib/http/security-headers';

/** The policy's directives: name → its sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('newNonce', () => {
  it('makes 16 random bytes in base64, different each time', () => {
    const nonce = newNonce();
    expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(nonce);
  });
});

describe('contentSecurityPolicy', () => {
  const production = directives(contentSecurityPolicy('bm9uY2U='));

  it('allows scripts only from this origin with the nonce, and what they load', () => {
    expect(production.get('script-src')).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
  });

  it('allows no eval and no inline scripts in production', () => {
    const scripts = production.get('script-src')!;
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts).not.toContain("'unsafe-inline'");
  });

  it('allows eval in development only, for next dev', () => {
    expect(directives(contentSecurityPolicy('n', [], true)).get('script-src')).toContain("'unsafe-eval'");
  });

  it('forbids framing, plugins and a foreign base URL', () => {
    expect(production.get('frame-ancestors')).toEqual(["'none'"]);
    expect(production.get('object-src')).toEqual(["'none'"]);
    expect(production.get('base-uri')).toEqual(["'self'"]);
    expect(production.get('default-src')).toEqual(["'self'"]);
    expect(production.get('connect-src')).toEqual(["'self'"]);
  });

  it('lets forms post only here, or also to the given origins', () => {
    expect(production.get('form-action')).toEqual(["'self'"]);
    expect(directives(contentSecurityPolicy('n', ['https://id.example.com'])).get('form-action')).toEqual([
      "'self'",
      'https://id.example.com',
    ]);
  });

  it('puts the nonce given, so each request can have its own', () => {
    const nonce = newNonce();
    expect(directives(contentSecurityPolicy(nonce)).get('script-src')).toContain(`'nonce-${nonce}'`);
  });
});

describe('SECURITY_HEADERS', () => {
  it('forbid sniffing and framing and keep the referrer on this origin', () => {
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    expect(SECURITY_HEADERS['X-Frame-Options']).toBe('DENY');
    expect(SECURITY_HEADERS['Referrer-Policy']).toBe('same-origin');
    expect(SECURITY_HEADERS['Cross-Origin-Opener-Policy']).toBe('same-origin');
  });
});
