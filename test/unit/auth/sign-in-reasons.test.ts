import { describe, expect, it } from 'vitest';
import { signInMessage } from '@/lib/auth/sign-in-reasons';

describe('signInMessage', () => {
  it('says an OpenID sign-in did not complete at the provider, without a word about passwords or users', () => {
    const message = signInMessage('incomplete');
    expect(message).toBe('The sign-in at the identity provider did not complete; try again.');
    expect(message).not.toMatch(/password|user name|unknown|exist/i);
  });

  it('keeps the wrong-password sentence for the sign-in form only', () => {
    expect(signInMessage('failed')).toBe('Wrong user name or password.');
    expect(signInMessage('incomplete')).not.toBe(signInMessage('failed'));
    expect(signInMessage('denied')).not.toBe(signInMessage('failed'));
  });

  it('says a session too large for a cookie is about the groups granted roles', () => {
    expect(signInMessage('too-large')).toMatch(/too many of the groups Watermark grants roles to/);
  });

  it('says nothing without a reason, or for one it never sends', () => {
    expect(signInMessage(null)).toBeUndefined();
    expect(signInMessage('nonsense')).toBeUndefined();
    expect(signInMessage('constructor')).toBeUndefined();
    expect(signInMessage('toString')).toBeUndefined();
  });
});
