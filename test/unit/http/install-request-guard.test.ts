import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { authSettings } from '@/lib/auth/auth-settings';
import { AuthConfig } from '@/lib/config/auth-schema';
import { installRequestGuard, type GuardSettings } from '@/lib/http/install-request-guard';
import { hostPolicy } from '@/lib/http/request-guard';
import { SECURITY_HEADERS } from '@/lib/http/security-headers';
import { log } from '@/lib/log/logger';

/**
 * The guard patches every HTTP(S) server of the process: these tests drive a server's
 * events by hand, with stand-ins for the request and response, so no socket is used but
 * the one the first test listens on (loopback, port 0) to be found at install.
 */
const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);

function guardSettings(mode: 'none' | 'basic'): GuardSettings {
  const auth =
    mode === 'none'
      ? AuthConfig.parse({ mode })
      : AuthConfig.parse({ mode, users: [{ username: 'ada', passwordHash: `$2b$04$${'a'.repeat(53)}` }] });
  return { hosts: hostPolicy([], undefined, {}, 'box-7'), auth: authSettings({ auth }, {}), formTargets: [] };
}

/** The ports named by the guard's "auth.mode is none" warnings so far. */
const warnedPorts = () =>
  warn.mock.calls
    .map((args) => args[0] as unknown as { component?: string; port?: number })
    .filter((fields) => fields.component === 'auth')
    .map((fields) => fields.port);

/** A server that says it listens at `address` (none is bound): the guard judges what address() gives. */
function serverAt(address: string, port: number, server: http.Server = http.createServer()): http.Server {
  const info: AddressInfo = { address, port, family: address.includes(':') ? 'IPv6' : 'IPv4' };
  server.address = () => info;
  return server;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What the guard answers to a request, with the app behind it never reached. */
function answerTo(request: { method: string; url: string; headers: Record<string, string> }): Answer {
  const server = http.createServer(() => {
    throw new Error('the request reached the app');
  });
  const answer: Answer = { status: 0, headers: {}, body: '' };
  const response = {
    writeHead: (status: number, headers: Record<string, string>) => Object.assign(answer, { status, headers }),
    end: (body: string) => Object.assign(answer, { body }),
  };
  server.emit('request', { ...request, socket: { remoteAddress: '192.0.2.1' } }, response);
  return answer;
}

let early: http.Server;

beforeAll(async () => {
  // Listening before the guard is installed, as Next.js's server is: its 'listening' event is past.
  early = http.createServer();
  await new Promise<void>((resolve) => early.listen(0, '127.0.0.1', resolve));
  serverAt('::', 41_000, early);
  installRequestGuard(guardSettings('none'));
});

afterAll(async () => {
  await new Promise((resolve) => early.close(resolve));
});

describe('installRequestGuard: the open-access warning', () => {
  it('warns about a server already listening beyond loopback when installed, without waiting for a connection', () => {
    expect(warnedPorts()).toEqual([41_000]);
  });

  describe('for servers that start listening later', () => {
    beforeEach(() => {
      warn.mockClear();
      installRequestGuard(guardSettings('none'));
    });

    it('warns when a server starts listening on every interface, naming its address and port', () => {
      serverAt('0.0.0.0', 41_001).emit('listening');
      serverAt('::', 41_002).emit('listening');
      expect(warnedPorts()).toEqual([41_001, 41_002]);
      expect(warn.mock.calls[0][1]).toMatch(/^auth\.mode is none and the dashboard listens on 0\.0\.0\.0 port 41001:/);
    });

    it('keeps a server on loopback quiet', () => {
      for (const [address, port] of [
        ['127.0.0.1', 41_003],
        ['::1', 41_004],
        ['::ffff:127.0.0.1', 41_005],
      ] as const) {
        serverAt(address, port).emit('listening');
      }
      expect(warnedPorts()).toEqual([]);
    });

    it('warns once per server, however often it is seen', () => {
      const server = serverAt('::', 41_006);
      server.emit('listening');
      server.emit('listening');
      expect(warnedPorts()).toEqual([41_006]);
    });

    it('judges HTTPS servers too', () => {
      serverAt('::', 41_007, https.createServer()).emit('listening');
      expect(warnedPorts()).toEqual([41_007]);
    });

    it('stays quiet when sign-in is on', () => {
      installRequestGuard(guardSettings('basic'));
      serverAt('::', 41_008).emit('listening');
      expect(warnedPorts()).toEqual([]);
    });
  });
});

describe('installRequestGuard: refusals', () => {
  beforeAll(() => installRequestGuard(guardSettings('none')));

  const refused = {
    'a malformed %-encoding': { method: 'GET', url: '/api/%E0%A4%A', headers: { host: 'localhost:3000' } },
    'a foreign Host': { method: 'GET', url: '/', headers: { host: 'evil.example' } },
    'a foreign Origin on a write': {
      method: 'POST',
      url: '/api/clusters/c/silences',
      headers: { host: 'localhost:3000', origin: 'https://evil.example' },
    },
    TRACE: { method: 'TRACE', url: '/', headers: { host: 'localhost:3000' } },
    'a body too large': {
      method: 'POST',
      url: '/api/clusters/c/silences',
      headers: { host: 'localhost:3000', 'content-length': String(1024 * 1024) },
    },
  };

  it('answer 400, 403, 405 and 413 with a Content-Security-Policy and every other security header', () => {
    const statuses: number[] = [];
    for (const [what, request] of Object.entries(refused)) {
      const answer = answerTo(request);
      statuses.push(answer.status);
      expect(answer.headers['Content-Security-Policy'], what).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
      expect(answer.headers['Content-Security-Policy'], what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(answer.headers, what).toMatchObject({ ...SECURITY_HEADERS, 'Cache-Control': 'no-store' });
      expect(JSON.parse(answer.body), what).toHaveProperty('error');
    }
    expect(statuses).toEqual([400, 403, 403, 405, 413]);
  });

  it('give each refusal a policy of its own, as every page gets', () => {
    const policies = new Set([1, 2, 3].map(() => answerTo(refused.TRACE).headers['Content-Security-Policy']));
    expect(policies.size).toBe(3);
  });
});
