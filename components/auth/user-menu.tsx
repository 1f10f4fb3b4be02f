/** The signed-in user's name and a sign-out button, in the top bar; nothing when sign-in is off. */
import type { Principal } from '@/lib/auth/principal';
import { withBasePath } from '@/lib/http/base-path';

export function UserMenu({ principal }: { principal: Principal | null }) {
  if (!principal || principal.via === 'none') return null;
  const operator = principal.grants.some((g) => g.role === 'operator');
  return (
    <div className="user-menu">
      <span data-testid="signed-in-user" title={operator ? 'operator: may silence alerts' : 'viewer'}>
        {principal.name}
      </span>
      {/* Through a reverse proxy, signing out is the proxy's business. */}
      {principal.via === 'basic' || principal.via === 'oidc' ? (
        <form method="post" action={withBasePath('/auth/sign-out')}>
          <button type="submit" className="link-button">
            Sign out
          </button>
        </form>
      ) : null}
    </div>
  );
}
