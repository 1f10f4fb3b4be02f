import { describe, expect, it } from 'vitest';
import { errorAnswer, refusalAnswer } from '@/lib/http/error-answer';
import type { Refusal } from '@/lib/http/request-guard';
import { contentSecurityPolicy, SECURITY_HEADERS } from '@/lib/http/security-headers';

const POLICY = contentSecurityPolicy('bm9uY2U=');

describe('errorAnswer', () => {
  it('holds the message as JSON, never cached, with the security headers and its exact length', () => {
    const answer = errorAnswer(401, 'not signed in: sign in first');
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toEqual({ error: 'not signed in: sign in first' });
    expect(answer.headers).toMatchObject({
      ...SECURITY_HEADERS,
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      'Content-Length': String(Buffer.byteLength(answer.body)),
    });
  });

  it('counts the length in bytes, not characters', () => {
    const answer = errorAnswer(400, 'host "bücher.example" is not allowed');
    expect(Number(answer.headers['Content-Length'])).toBe(answer.body.length + 1);
  });

  it('adds the extra headers given', () => {
    expect(errorAnswer(429, 'wait', { 'Retry-After': '30' }).headers['Retry-After']).toBe('30');
  });
});

describe('refusalAnswer', () => {
  const refusals: Refusal[] = [
    { status: 400, message: 'malformed %-encoding in the path' },
    { status: 403, message: 'host "evil.example" is not allowed', logKey: 'evil.example' },
    { status: 403, message: 'cross-site requests are not allowed' },
    { status: 405, message: 'method TRACE is not allowed' },
    { status: 413, message: 'body larger than 16384 bytes' },
  ];

  it('carries the Content-Security-Policy given and every other security header, for every refusal', () => {
    for (const refusal of refusals) {
      const { status, headers } = refusalAnswer(refusal, POLICY);
      expect(status, refusal.message).toBe(refusal.status);
      expect(headers['Content-Security-Policy'], refusal.message).toBe(POLICY);
      expect(headers, refusal.message).toMatchObject(SECURITY_HEADERS);
    }
  });

  it('closes the connection, since the refused body is never read', () => {
    for (const refusal of refusals) expect(refusalAnswer(refusal, POLICY).headers.Connection).toBe('close');
  });

  it('names the allowed methods on a 405 only', () => {
    expect(refusalAnswer(refusals[3], POLICY).headers.Allow).toBe('GET, HEAD, POST, DELETE');
    expect(refusalAnswer(refusals[0], POLICY).headers.Allow).toBeUndefined();
  });
});
