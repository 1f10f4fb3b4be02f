// GET /auth/oidc/callback — where the OpenID provider sends the browser back: tokens, session, then the page asked for
import { getAuthSettings } from '@/lib/auth/auth-runtime';
import { finishOidcSignIn } from '@/lib/auth/oidc-flow';
import { notAvailable } from '@/lib/auth/session-responses';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  const settings = getAuthSettings();
  if (!settings.oidc) return notAvailable('oidc');
  return finishOidcSignIn(settings, req.url, req.headers.get('cookie'), Date.now());
}
