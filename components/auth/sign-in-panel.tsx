/**
 * The sign-in page's panel: the name and password form (auth.mode basic), a button to the
 * OpenID provider (oidc), or what to do when sign-in is the proxy's (proxy). Plain HTML
 * forms (so their addresses carry the base path themselves): signing in works before any
 * script has loaded.
 */
import Link from 'next/link';
import { signInMessage } from '@/lib/auth/sign-in-reasons';
import type { AuthConfig } from '@/lib/config/auth-schema';
import { withBasePath } from '@/lib/http/base-path';

export function SignInPanel({ mode, reason, next }: { mode: AuthConfig['mode']; reason: string | null; next: string }) {
  const message = signInMessage(reason);
  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in to Watermark</h1>
      {message ? (
        <p role={reason === 'signed-out' ? 'status' : 'alert'} className={reason === 'signed-out' ? 'muted' : 'error'}>
          {message}
        </p>
      ) : null}
      {mode === 'basic' ? (
        <form method="post" action={withBasePath('/auth/basic')}>
          <input type="hidden" name="next" value={next} />
          <label>
            User name
            <input name="username" autoComplete="username" required autoFocus />
          </label>
          <label>
            Password
            <input name="password" type="password" autoComplete="current-password" required />
          </label>
          <button type="submit">Sign in</button>
        </form>
      ) : mode === 'oidc' ? (
        <p>
          <a className="button-link" href={withBasePath(`/auth/oidc/start?next=${encodeURIComponent(next)}`)}>
            Sign in with your organisation&apos;s account
          </a>
        </p>
      ) : mode === 'proxy' ? (
        <p>Sign-in is done by the proxy in front of Watermark: open the dashboard through it.</p>
      ) : (
        <p>
          Sign-in is off (auth.mode none): <Link href="/">open the dashboard</Link>.
        </p>
      )}
    </section>
  );
}
