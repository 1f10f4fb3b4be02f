/**
 * Who is asking, and what they may do: a principal carries grants (a role on some or
 * every cluster). Pure: the request gate (request-gate.ts) finds the principal, the API
 * and pages ask canView / canOperate. An operator may do everything a viewer may. Safe to
 * import from client components.
 */
import type { GrantConfig, Role } from '../config/auth-schema';

export interface Grant {
  role: Role;
  /** null: every cluster. */
  clusters: string[] | null;
}

/** How the principal was recognised. `none`: sign-in is off and everyone may do everything. */
export type SignInMethod = 'none' | 'basic' | 'oidc' | 'proxy' | 'token';

export interface Principal {
  name: string;
  via: SignInMethod;
  grants: Grant[];
}

/** Everyone, when auth.mode is none. */
export const ANONYMOUS_OPERATOR: Principal = {
  name: 'anonymous',
  via: 'none',
  grants: [{ role: 'operator', clusters: null }],
};

const covers = (grant: Grant, clusterId: string) => grant.clusters === null || grant.clusters.includes(clusterId);

export function canView(principal: Principal, clusterId: string): boolean {
  return principal.grants.some((grant) => covers(grant, clusterId));
}

export function canOperate(principal: Principal, clusterId: string): boolean {
  return principal.grants.some((grant) => grant.role === 'operator' && covers(grant, clusterId));
}

/** The grants the config gives a user name and its groups (claim values, proxy groups), plus its own. */
export function grantsFor(
  user: string,
  groups: readonly string[],
  configured: readonly GrantConfig[],
  own: readonly Grant[] = [],
): Grant[] {
  const matched = configured
    .filter((g) => (g.user !== undefined ? g.user === user : groups.includes(g.group!)))
    .map((g): Grant => ({ role: g.role, clusters: g.clusters ?? null }));
  return [...own, ...matched];
}
