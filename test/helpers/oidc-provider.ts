/**
 * A real OpenID Connect provider on loopback for tests: the certified `oidc-provider`
 * package with one confidential client, a fixed list of users and its own development
 * login and consent pages, so sign-in tests exercise a genuine authorization code flow
 * (PKCE S256 required, client_secret_basic or client_secret_post at the token endpoint)
 * and RP-initiated logout, without TLS or any outside service.
 *
 * Sign-in page (heading "Sign-in"): fill `input[name="login"]` with a user's login and
 * `input[name="password"]` with anything (it is required but never checked), click
 * `button[type="submit"]` ("Sign-in"). On the first sign-in of a session the consent page
 * (heading "Authorize"; its <title> is "Sign-in" too) follows: click `button[type="submit"]`
 * ("Continue"), or the "[ Cancel ]" link for access_denied. An unknown login gets no
 * tokens: the callback receives `error=access_denied`. Both pages @import a font from
 * fonts.googleapis.com, which fails without network access (a console error at most).
 * Logout: GET `${issuer}/session/end?id_token_hint=…&post_logout_redirect_uri=…&state=…`,
 * then click `button[name="logout"]` ("Yes, sign me out").
 *
 * ID tokens and userinfo carry `sub` and `preferred_username` (the login), `name` and
 * `groups` (scopes `openid profile groups`). The provider's development-only notices
 * are kept off the console; server errors are printed.
 */
import crypto from 'node:crypto';
import http from 'node:http';

export interface OidcTestUser {
  login: string;
  name: string;
  groups: string[];
}

export interface OidcTestProvider {
  /** http://127.0.0.1:port, without a trailing slash. */
  issuer: string;
  /** Closes the server and every connection to it. */
  close(): Promise<void>;
}

export interface OidcTestProviderOptions {
  /** Listens on 127.0.0.1:port. */
  port: number;
  client: {
    clientId: string;
    clientSecret: string;
    redirectUris: string[];
    postLogoutRedirectUris: string[];
  };
  users: OidcTestUser[];
  /** Lifetime of ID and access tokens, of grants and of the session at the provider (3600 by default). */
  ttlSeconds?: number;
}

/** Two users in two groups. */
export const OIDC_TEST_USERS: OidcTestUser[] = [
  { login: 'alice', name: 'Alice Admin', groups: ['platform'] },
  { login: 'bob', name: 'Bob Builder', groups: ['team-a'] },
];

/** The parts of the oidc-provider module used here; it ships no types. */
interface OidcProviderModule {
  /** A Koa application. */
  Provider: new (
    issuer: string,
    configuration: Record<string, unknown>,
  ) => {
    callback(): http.RequestListener;
    on(event: 'server_error', listener: (ctx: unknown, error: unknown) => void): unknown;
  };
  errors: { AccessDenied: new (description: string) => Error };
  interactionPolicy: {
    base(): { get(name: 'login'): { checks: { add(check: unknown): void } } };
    Check: new (reason: string, description: string, check: (ctx: PolicyContext) => Promise<boolean>) => unknown;
  };
}

/** Koa's context in an interaction policy check, as far as used here. */
interface PolicyContext {
  oidc: {
    account?: unknown;
    session: { accountId?: string; destroy(): Promise<void> };
  };
}

interface Account {
  accountId: string;
  claims(): Record<string, unknown>;
}

/** Koa's context, as far as the page renderers below use it. */
interface PageContext {
  type: string;
  body: string;
}

const html = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${html(title)}</title></head>` +
  `<body><h1>${html(title)}</h1>${body}</body></html>`;

/**
 * Runs `action` with oidc-provider's console notices dropped: on import (it warns that
 * Node 20 is not a supported runtime) and construction (development-only adapter, keys
 * and interactions). Anything else still reaches the console.
 */
async function withoutProviderNotices<T>(action: () => Promise<T>): Promise<T> {
  const { warn, info } = console;
  const filtered =
    (original: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      const first = args[0];
      if (typeof first === 'string' && /oidc-provider (WARNING|NOTICE): /.test(first)) return;
      original.apply(console, args);
    };
  console.warn = filtered(warn);
  console.info = filtered(info);
  try {
    return await action();
  } finally {
    console.warn = warn;
    console.info = info;
  }
}

export async function startOidcProvider(options: OidcTestProviderOptions): Promise<OidcTestProvider> {
  const { port, client, users, ttlSeconds = 3600 } = options;
  const issuer = `http://127.0.0.1:${port}`;
  const byLogin = new Map(users.map((user) => [user.login, user]));

  const oidc = await withoutProviderNotices(async () => {
    // @ts-expect-error -- oidc-provider ships no type declarations; the parts used are typed above.
    return (await import('oidc-provider')) as OidcProviderModule;
  });

  // The development login page accepts any login and findAccount then finds none, which
  // the provider does not check before its consent step (it fails there with a
  // server_error). Answer the relying party with access_denied instead, and forget the
  // login so that the next attempt in this browser shows the login page again.
  const policy = oidc.interactionPolicy.base();
  policy.get('login').checks.add(
    new oidc.interactionPolicy.Check('unknown_account', 'the login names no known user', async (ctx) => {
      const { account, session } = ctx.oidc;
      if (session.accountId === undefined || account !== undefined) return false;
      const login = session.accountId;
      await session.destroy();
      throw new oidc.errors.AccessDenied(`unknown login "${login}"`);
    }),
  );

  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', alg: 'RS256', use: 'sig' };

  const configuration = {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: client.redirectUris,
        post_logout_redirect_uris: client.postLogoutRedirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // A client registered for client_secret_basic may also use client_secret_post.
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'groups'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      groups: ['groups'],
    },
    // Put every granted claim in the ID token too, not only in userinfo.
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, id: string): Account | undefined => {
      const user = byLogin.get(id);
      if (!user) return undefined;
      return {
        accountId: user.login,
        claims: () => ({
          sub: user.login,
          preferred_username: user.login,
          name: user.name,
          groups: [...user.groups],
        }),
      };
    },
    cookies: { keys: ['watermark-oidc-test-cookie-key'] },
    jwks: { keys: [signingKey] },
    interactions: { policy },
    ttl: {
      AccessToken: ttlSeconds,
      AuthorizationCode: 60,
      IdToken: ttlSeconds,
      Grant: ttlSeconds,
      Session: ttlSeconds,
      Interaction: 600,
    },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: PageContext, form: string) => {
          ctx.type = 'html';
          ctx.body = page(
            'Sign out',
            `${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>` +
              '<button type="submit" form="op.logoutForm">No, stay signed in</button>',
          );
        },
        postLogoutSuccessSource: (ctx: PageContext) => {
          ctx.type = 'html';
          ctx.body = page('Signed out', '<p>You are signed out.</p>');
        },
      },
    },
    clientBasedCORS: () => false,
    renderError: (ctx: PageContext, out: Record<string, string>) => {
      ctx.type = 'html';
      const lines = Object.entries(out).map(
        ([key, value]) => `<p><strong>${html(key)}</strong>: ${html(String(value))}</p>`,
      );
      ctx.body = page('Sign-in error', lines.join(''));
    },
  };

  const server = await withoutProviderNotices(async () => {
    const provider = new oidc.Provider(issuer, configuration);
    provider.on('server_error', (_ctx, error) => console.error('OIDC test provider error:', error));
    return http.createServer(provider.callback());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
