/**
 * The `auth` config made ready for requests at start: secrets read, the users file
 * parsed, cookie keys derived, the trusted proxies' addresses compiled. A bad value stops
 * the server with a ConfigError naming the field, never on the first request.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { BlockList, isIP } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { BasicUserConfig, type AuthConfig, type GrantConfig } from '../config/auth-schema';
import { ConfigError } from '../config/brokers-from-env';
import { ConfigInputs, type Env } from '../config/config-inputs';
import type { SecretRef } from '../config/secret-ref';
import { readConfigSecret } from '../config/secrets';
import { SignInLimits } from './sign-in-throttle';
import { PasswordCheck } from './password-check';
import type { Grant } from './principal';
import { deriveCookieKey } from './sealed-cookie';

export interface ApiToken {
  name: string;
  value: string;
  grants: Grant[];
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  scopes: string[];
  usernameClaim: string;
  groupsClaim: string;
  /** publicUrl + /auth/oidc/callback. */
  redirectUri: string;
}

export interface ProxySettings {
  userHeader: string;
  groupsHeader: string;
  trusted: BlockList;
}

export interface AuthSettings {
  mode: AuthConfig['mode'];
  grants: GrantConfig[];
  tokens: ApiToken[];
  /** /api/metrics needs this bearer token when set. */
  metricsToken: string | null;
  sessionKey: Buffer;
  flowKey: Buffer;
  sessionMaxAgeSeconds: number;
  /** The dashboard's address as people open it (config publicUrl), for redirects back from a provider. */
  publicUrl: string | null;
  /** Cookies marked Secure: publicUrl is https. */
  secureCookies: boolean;
  /** True when no sessionSecret is configured: sessions end with the process. */
  sessionKeyIsRandom: boolean;
  /** `throttle`: failed password checks per client address and name, and per address (sign-in form and HTTP Basic). */
  basic: { passwords: PasswordCheck; users: Map<string, Grant[]>; throttle: SignInLimits } | null;
  oidc: OidcSettings | null;
  proxy: ProxySettings | null;
}

interface AuthInputs {
  auth: AuthConfig;
  metricsToken?: SecretRef;
  publicUrl?: string;
  configFile?: string;
}

export function authSettings(config: AuthInputs, env: Env): AuthSettings {
  const inputs = new ConfigInputs(env);
  const secret = (ref: SecretRef, field: string) => readConfigSecret(ref, field, inputs, config.configFile);
  const auth = config.auth;
  const signedIn = auth.mode === 'none' ? null : auth;
  const sessionSecret = signedIn?.sessionSecret ? secret(signedIn.sessionSecret, 'auth.sessionSecret') : null;
  const keyMaterial = sessionSecret ?? randomBytes(32);
  return {
    mode: auth.mode,
    grants: signedIn?.grants ?? [],
    tokens: (signedIn?.tokens ?? []).map((t, i) => ({
      name: t.name,
      value: secret(t.token, `auth.tokens[${i}].token`),
      grants: [{ role: t.role, clusters: t.clusters ?? null }],
    })),
    metricsToken: config.metricsToken ? secret(config.metricsToken, 'metrics.bearerToken') : null,
    sessionKey: deriveCookieKey(keyMaterial, 'session'),
    flowKey: deriveCookieKey(keyMaterial, 'oidc-flow'),
    sessionMaxAgeSeconds: signedIn?.sessionMaxAgeSeconds ?? 0,
    publicUrl: config.publicUrl ?? null,
    secureCookies: config.publicUrl?.startsWith('https:') ?? false,
    sessionKeyIsRandom: sessionSecret === null,
    basic: auth.mode === 'basic' ? basicSettings(auth.users, auth.usersFile, config.configFile) : null,
    oidc:
      auth.mode === 'oidc'
        ? {
            ...auth.oidc,
            clientSecret: auth.oidc.clientSecret ? secret(auth.oidc.clientSecret, 'auth.oidc.clientSecret') : null,
            redirectUri: new URL('auth/oidc/callback', withSlash(config.publicUrl!)).toString(),
          }
        : null,
    proxy:
      auth.mode === 'proxy'
        ? {
            userHeader: auth.proxy.userHeader.toLowerCase(),
            groupsHeader: auth.proxy.groupsHeader.toLowerCase(),
            trusted: trustedAddresses(auth.proxy.trustedProxies),
          }
        : null,
  };
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

function basicSettings(users: BasicUserConfig[], usersFile: string | undefined, configFile: string | undefined) {
  const all = [...users, ...(usersFile ? readUsersFile(usersFile, configFile) : [])];
  const grants = new Map(
    all.map((u) => [u.username, u.roles.map((role): Grant => ({ role, clusters: u.clusters ?? null }))]),
  );
  return { passwords: new PasswordCheck(all), users: grants, throttle: new SignInLimits() };
}

function readUsersFile(file: string, configFile: string | undefined): BasicUserConfig[] {
  const where = `${configFile ? `${configFile}: ` : ''}auth.usersFile`;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${where}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch {
    throw new ConfigError(`${where}: ${file} is not valid YAML or JSON`);
  }
  const parsed = z.array(BasicUserConfig).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    throw new ConfigError(`${where}: ${file}: users${at}: ${issue.message}`);
  }
  return parsed.data;
}

/** IPv4 peers may arrive as IPv4-mapped IPv6 (`::ffff:127.0.0.1`) on a dual-stack listener. */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

function trustedAddresses(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    // The schema checked the address and prefix.
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

export function isTrustedProxy(settings: ProxySettings, peer: string): boolean {
  const address = plainAddress(peer);
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  return isIP(address) !== 0 && settings.trusted.check(address, family);
}
