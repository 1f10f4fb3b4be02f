// POST /auth/basic — the sign-in form (auth.mode basic): a session cookie, or back to the form
import { getAuthSettings } from '@/lib/auth/auth-runtime';
import { notAvailable } from '@/lib/auth/session-responses';
import { basicSignIn } from '@/lib/auth/sign-in-actions';

export const dynamic = 'force-dynamic';

export function POST(req: Request) {
  const settings = getAuthSettings();
  if (!settings.basic) return notAvailable('basic');
  return basicSignIn(settings, req, Date.now());
}
