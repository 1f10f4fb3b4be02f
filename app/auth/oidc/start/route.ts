// GET /auth/oidc/start?next=/path — off to the OpenID provider's sign-in (auth.mode oidc)
import { getAuthSettings } from '@/lib/auth/auth-runtime';
import { startOidcSignIn } from '@/lib/auth/oidc-flow';
import { notAvailable } from '@/lib/auth/session-responses';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  const settings = getAuthSettings();
  if (!settings.oidc) return notAvailable('oidc');
  return startOidcSignIn(settings, new URL(req.url).searchParams.get('next'), Date.now());
}
