import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { authStartWarnings, isLoopbackAddress, openListenerWarning } from '@/lib/auth/start-warnings';

const at = (address: string, port = 3000): AddressInfo => ({
  address,
  port,
  family: address.includes(':') ? 'IPv6' : 'IPv4',
});

describe('isLoopbackAddress', () => {
  it('takes all of 127.0.0.0/8 and ::1, also written in full or IPv4-mapped, for loopback', () => {
    for (const address of ['127.0.0.1', '127.255.0.9', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '::ffff:7f00:1']) {
      expect(isLoopbackAddress(address), address).toBe(true);
    }
  });

  it('does not take the wildcard addresses, other interfaces or a non-address for loopback', () => {
    for (const address of ['0.0.0.0', '::', '10.0.0.5', '128.0.0.1', '::ffff:10.0.0.5', 'fe80::1', 'localhost', '']) {
      expect(isLoopbackAddress(address), address).toBe(false);
    }
  });
});

describe('openListenerWarning', () => {
  it('warns about mode none listening on every interface, naming the address and port', () => {
    expect(openListenerWarning('none', at('::', 3000))).toMatch(
      /^auth\.mode is none and the dashboard listens on :: port 3000: anyone who reaches it/,
    );
    expect(openListenerWarning('none', at('0.0.0.0', 8080))).toContain('listens on 0.0.0.0 port 8080');
    expect(openListenerWarning('none', at('10.0.0.5'))).toContain('Configure auth');
  });

  it('stays quiet for mode none on loopback', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(openListenerWarning('none', at(address)), address).toBeNull();
    }
  });

  it('stays quiet when sign-in is on, whatever the address', () => {
    for (const mode of ['basic', 'oidc', 'proxy'] as const) expect(openListenerWarning(mode, at('::'))).toBeNull();
  });

  it('stays quiet for a server on a socket file, or not listening', () => {
    expect(openListenerWarning('none', '/run/watermark.sock')).toBeNull();
    expect(openListenerWarning('none', null)).toBeNull();
  });
});

describe('authStartWarnings', () => {
  const safe = { mode: 'basic', sessionKeyIsRandom: false, metricsToken: 'a-metrics-token' } as const;

  it('says nothing when sign-in is on with a session secret and a metrics token', () => {
    expect(authStartWarnings(safe)).toEqual([]);
  });

  it('warns that /api/metrics is open to anyone when sign-in is on without a metrics token, saying how to set one', () => {
    for (const mode of ['basic', 'oidc', 'proxy'] as const) {
      const warnings = authStartWarnings({ ...safe, mode, metricsToken: null });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`auth.mode ${mode}`);
      expect(warnings[0]).toMatch(/metrics\.bearerToken is not set: \/api\/metrics answers anyone/);
      expect(warnings[0]).toContain('every cluster, consumer group and topic');
      expect(warnings[0]).toContain('Set metrics.bearerToken');
    }
  });

  it('warns that sessions end at restart without a session secret', () => {
    expect(authStartWarnings({ ...safe, sessionKeyIsRandom: true })).toEqual([
      'auth.sessionSecret is not set: sessions are sealed with a random key and end when the server restarts',
    ]);
  });

  it('says both when both are missing', () => {
    expect(authStartWarnings({ mode: 'oidc', sessionKeyIsRandom: true, metricsToken: null })).toHaveLength(2);
  });

  it('says nothing in mode none, where everything is open anyway', () => {
    expect(authStartWarnings({ mode: 'none', sessionKeyIsRandom: true, metricsToken: null })).toEqual([]);
  });
});
