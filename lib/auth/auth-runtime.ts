/**
 * The auth settings of this server process, made once at start (lib/collector/start.ts)
 * and read by the sign-in routes and by the request gate. Kept on globalThis: Next.js
 * loads the instrumentation and the route bundles as separate module copies.
 */
import type { AuthSettings } from './auth-settings';

const KEY = Symbol.for('watermark.auth');
type GlobalWithAuth = typeof globalThis & { [KEY]?: AuthSettings };

export function setAuthSettings(settings: AuthSettings): void {
  (globalThis as GlobalWithAuth)[KEY] = settings;
}

/** The settings; throws when the server did not start through instrumentation (never serve without them). */
export function getAuthSettings(): AuthSettings {
  const settings = (globalThis as GlobalWithAuth)[KEY];
  if (!settings) throw new Error('auth settings are not loaded (instrumentation did not start the server)');
  return settings;
}
