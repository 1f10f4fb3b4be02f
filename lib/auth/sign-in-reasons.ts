/**
 * Why the sign-in page is shown (its `reason` query parameter) and what it then says. A
 * refusal never tells whether the user exists: a wrong password and an unknown name are
 * both `failed`, and an OpenID sign-in that went wrong says only that it did not complete.
 */
const MESSAGES = {
  failed: 'Wrong user name or password.',
  throttled: 'Too many failed sign-ins: wait a minute, then try again.',
  denied: 'The sign-in was refused by the identity provider.',
  incomplete: 'The sign-in at the identity provider did not complete; try again.',
  'too-large':
    'You signed in at the identity provider, but you are in too many of the groups Watermark grants roles to for one session: ask its administrator to grant fewer groups.',
  provider: 'The identity provider did not answer; try again in a moment.',
  expired: 'The sign-in took too long or was started elsewhere; start again.',
  'session-ended': 'Your session has ended: sign in again.',
  'signed-out': 'You are signed out.',
} as const;

export type SignInReason = keyof typeof MESSAGES;

/** The sentence for a reason, or undefined for none or one we never send (a hand-made URL). */
export function signInMessage(reason: string | null): string | undefined {
  return reason !== null && Object.hasOwn(MESSAGES, reason) ? MESSAGES[reason as SignInReason] : undefined;
}
