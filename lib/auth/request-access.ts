/**
 * What the principal of a request may do, asked by route handlers and pages. The request
 * gate put the principal in a header; without one (nobody signed in, on a public path)
 * only auth.mode none lets a request through. A cluster the principal may not see answers
 * like an unknown one (404), so a team sees only its clusters; an operator's action by a
 * viewer is a 403.
 */
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../api/errors';
import { unknownClusterMessage } from '../api/not-found-messages';
import { requestSource } from '../http/request-guard';
import { getAuthSettings } from './auth-runtime';
import { ANONYMOUS_OPERATOR, canOperate, canView, type Principal } from './principal';
import { decodePrincipal, PRINCIPAL_HEADER } from './principal-header';

export function principalOf(headers: Headers): Principal | null {
  return (
    decodePrincipal(headers.get(PRINCIPAL_HEADER)) ?? (getAuthSettings().mode === 'none' ? ANONYMOUS_OPERATOR : null)
  );
}

function signedIn(headers: Headers): Principal {
  const principal = principalOf(headers);
  if (!principal) throw new UnauthorizedError('not signed in');
  return principal;
}

/** The principal, when it may see the cluster; else the 404 of an unknown cluster. */
export function requireViewer(headers: Headers, clusterId: string): Principal {
  const principal = signedIn(headers);
  if (!canView(principal, clusterId)) throw new NotFoundError(unknownClusterMessage(clusterId));
  return principal;
}

/** The cluster id, when the principal may see it: `readTopic(visibleCluster(req.headers, cluster), topic)`. */
export function visibleCluster(headers: Headers, clusterId: string): string {
  requireViewer(headers, clusterId);
  return clusterId;
}

/** The principal, when it may create and end silences on the cluster. */
export function requireOperator(headers: Headers, clusterId: string): Principal {
  const principal = requireViewer(headers, clusterId);
  if (!canOperate(principal, clusterId)) {
    throw new ForbiddenError(
      `${principal.name} may not change silences on cluster "${clusterId}": that needs the operator role`,
    );
  }
  return principal;
}

/** Whether the principal may see a cluster, for lists of every cluster; nobody sees none. */
export function clusterFilter(headers: Headers): (clusterId: string) => boolean {
  const principal = principalOf(headers);
  return (clusterId) => principal !== null && canView(principal, clusterId);
}

/** Who changes a silence, for its record and the log: the operator's name and the address asked from. */
export interface Actor {
  name: string;
  source: string;
}

/** The actor of a state-changing request on the cluster; 401, 404 or 403 when it may not. */
export function actorOf(headers: Headers, clusterId: string): Actor {
  const principal = requireOperator(headers, clusterId);
  return { name: principal.name, source: requestSource(headers) };
}
