/**
 * `auth` in WATERMARK_CONFIG: who may see the dashboard and who may silence alerts.
 * `none` (the default, for the local demo) lets everyone do everything; `basic`, `oidc`
 * and `proxy` sign people in, and `grants` map users and groups to roles per cluster.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { SecretRef } from './secret-ref';

/** viewer: pages and the read API. operator: also creates and ends silences. */
export const Role = z.enum(['viewer', 'operator']);
export type Role = z.infer<typeof Role>;

/** Cluster ids a grant applies to; absent: every cluster. */
const Clusters = z.array(z.string().min(1)).min(1, 'list at least one cluster id, or leave clusters out for all');

/** A bcrypt hash as `htpasswd -B` and bcrypt libraries write it ($2a$, $2b$ or $2y$). */
const BcryptHash = z
  .string()
  .regex(
    /^\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/,
    'expected a bcrypt hash ($2b$12$…, cost 04 to 31), never the password itself',
  );

/** A role for a user name or a group (an OIDC claim value, a proxy's groups header). */
export const GrantConfig = z
  .strictObject({
    user: z.string().min(1).optional(),
    group: z.string().min(1).optional(),
    role: Role,
    clusters: Clusters.optional(),
  })
  .refine((g) => (g.user === undefined) !== (g.group === undefined), { message: 'give either user or group' });
export type GrantConfig = z.infer<typeof GrantConfig>;

export const BasicUserConfig = z.strictObject({
  username: z.string().min(1).max(200),
  passwordHash: BcryptHash,
  roles: z.array(Role).min(1).default(['viewer']),
  clusters: Clusters.optional(),
});
export type BasicUserConfig = z.infer<typeof BasicUserConfig>;

/** A bearer token for API clients and scripts, with the role it carries. */
export const ApiTokenConfig = z.strictObject({
  name: z.string().min(1),
  token: SecretRef,
  role: Role,
  clusters: Clusters.optional(),
});
export type ApiTokenConfig = z.infer<typeof ApiTokenConfig>;

/** An address or CIDR block a trusted reverse proxy connects from. */
const ProxyAddress = z.string().refine(
  (entry) => {
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
  },
  { message: 'expected an IP address or a CIDR block such as 10.0.0.0/8 (prefix up to /32, or /128 for IPv6)' },
);

const signedIn = {
  grants: z.array(GrantConfig).default([]),
  tokens: z.array(ApiTokenConfig).default([]),
  /** Encrypts session cookies; without it a random key is made at start (sessions end on restart). */
  sessionSecret: SecretRef.optional(),
  /** How long a sign-in lasts. */
  sessionMaxAgeSeconds: z
    .number()
    .int()
    .min(10)
    .max(30 * 86_400)
    .default(12 * 3600),
};

export const AuthConfig = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({ mode: z.literal('none') }),
    z.strictObject({
      mode: z.literal('basic'),
      users: z.array(BasicUserConfig).default([]),
      /** A YAML or JSON file with a list of users in the same form, read at start. */
      usersFile: z.string().min(1).optional(),
      ...signedIn,
    }),
    z.strictObject({
      mode: z.literal('oidc'),
      oidc: z.strictObject({
        issuer: z.url({ protocol: /^https?$/ }),
        clientId: z.string().min(1),
        /** Absent for a public client (PKCE alone). */
        clientSecret: SecretRef.optional(),
        scopes: z.array(z.string().min(1)).default(['openid', 'profile', 'email']),
        usernameClaim: z.string().min(1).default('preferred_username'),
        /** The claim whose values `grants[].group` matches (Keycloak, Okta, Dex: groups; Entra ID: roles). */
        groupsClaim: z.string().min(1).default('groups'),
      }),
      ...signedIn,
    }),
    z.strictObject({
      mode: z.literal('proxy'),
      proxy: z.strictObject({
        userHeader: z.string().min(1).default('X-Forwarded-User'),
        groupsHeader: z.string().min(1).default('X-Forwarded-Groups'),
        /** Only requests from these addresses may name a user; from anywhere else the headers are ignored. */
        trustedProxies: z.array(ProxyAddress).min(1, 'list the addresses of the proxy in front'),
      }),
      ...signedIn,
    }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? 'expected none, basic, oidc or proxy' : undefined) },
);
export type AuthConfig = z.infer<typeof AuthConfig>;
export type SignedInAuthConfig = Exclude<AuthConfig, { mode: 'none' }>;
