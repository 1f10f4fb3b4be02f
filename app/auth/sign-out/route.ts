// POST /auth/sign-out — ends the session (and, with OIDC, the provider's too), then the sign-in page
import { getAuthSettings } from '@/lib/auth/auth-runtime';
import { signOut } from '@/lib/auth/sign-in-actions';

export const dynamic = 'force-dynamic';

export function POST() {
  return signOut(getAuthSettings());
}
