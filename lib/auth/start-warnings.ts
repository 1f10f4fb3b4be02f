/**
 * Warnings about access the configuration leaves open, logged once at start: pure
 * decisions, so what is said (and what is not) is tested without a server.
 */
import { BlockList, isIP, type AddressInfo } from 'node:net';
import type { AuthSettings } from './auth-settings';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Whether only this machine can reach `address`: 127.0.0.0/8, ::1, and either as an
 * IPv4-mapped IPv6 address (::ffff:127.0.0.1). The wildcards 0.0.0.0 and :: are not
 * loopback (they listen on every interface), nor is anything that is not an IP address.
 */
export function isLoopbackAddress(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && LOOPBACK.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The warning for a server that started listening at `address` (what `server.address()`
 * gives), or null. Only auth.mode none on an address beyond loopback is worth one: then
 * anyone who reaches the server may do everything. A string is a local socket file, and
 * null a server not listening: neither is reachable from elsewhere.
 */
export function openListenerWarning(mode: AuthSettings['mode'], address: AddressInfo | string | null): string | null {
  if (mode !== 'none' || address === null || typeof address === 'string') return null;
  if (isLoopbackAddress(address.address)) return null;
  return (
    `auth.mode is none and the dashboard listens on ${address.address} port ${address.port}: ` +
    'anyone who reaches it can read every cluster and silence alerts. ' +
    'Configure auth (basic, oidc or proxy) or listen on 127.0.0.1 only.'
  );
}

/**
 * What to warn about at start when sign-in is on: sessions that end at every restart
 * (no sessionSecret), and /api/metrics left open to anyone (no metrics.bearerToken) while
 * the dashboard itself asks people to sign in. Empty in mode none, where everything is
 * open and openListenerWarning() speaks.
 */
export function authStartWarnings(
  settings: Pick<AuthSettings, 'mode' | 'sessionKeyIsRandom' | 'metricsToken'>,
): string[] {
  if (settings.mode === 'none') return [];
  const warnings: string[] = [];
  if (settings.sessionKeyIsRandom) {
    warnings.push(
      'auth.sessionSecret is not set: sessions are sealed with a random key and end when the server restarts',
    );
  }
  if (settings.metricsToken === null) {
    warnings.push(
      `sign-in is on (auth.mode ${settings.mode}) but metrics.bearerToken is not set: /api/metrics answers anyone ` +
        'who reaches the server, with the name of every cluster, consumer group and topic. Set ' +
        'metrics.bearerToken (for example { env: WATERMARK_METRICS_TOKEN }) and give Prometheus the same token.',
    );
  }
  return warnings;
}
