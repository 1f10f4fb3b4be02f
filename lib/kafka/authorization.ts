/**
 * Requests the broker's authorizer refused (no ACL allows them), said as the permission
 * that is missing. A refusal never fails a cycle: the part it hides reads "not authorised:
 * needs Describe on Cluster" where its value would be, never as a zero or a missing row.
 */
import type { PartialFailure } from './types';

export const TOPIC_AUTHORIZATION_FAILED = 29;
export const GROUP_AUTHORIZATION_FAILED = 30;
export const CLUSTER_AUTHORIZATION_FAILED = 31;

/** Kafka's error codes for a refused operation on a topic, a group or the cluster. */
const NOT_AUTHORISED: Record<number, string> = {
  [TOPIC_AUTHORIZATION_FAILED]: 'TOPIC_AUTHORIZATION_FAILED',
  [GROUP_AUTHORIZATION_FAILED]: 'GROUP_AUTHORIZATION_FAILED',
  [CLUSTER_AUTHORIZATION_FAILED]: 'CLUSTER_AUTHORIZATION_FAILED',
};
const NOT_AUTHORISED_NAMES = new Set(Object.values(NOT_AUTHORISED));

/** True for an authorization error, given as Kafka's code (29) or its name (TOPIC_AUTHORIZATION_FAILED). */
export function isNotAuthorised(error: number | string | null | undefined): boolean {
  if (typeof error === 'number') return error in NOT_AUTHORISED;
  return typeof error === 'string' && NOT_AUTHORISED_NAMES.has(error);
}

/** The ACL operations a read-only dashboard needs (see README, "Permissions"). */
export type AclOperation = 'Describe' | 'DescribeConfigs' | 'Read';

export type AclResource =
  | { type: 'cluster' }
  | { type: 'topic' | 'group'; names: string[] }
  /** The topics of KIP-848 groups refused for them: Kafka does not say which topics. */
  | { type: 'topics of group'; names: string[] };

/** What Read on a topic gives Watermark (it also grants access to message contents). */
export const READ_PURPOSE = {
  timeLag: 'for exact time lag',
  oldestMessage: "for the oldest message's age",
  both: 'for exact time lag and the oldest message ages',
} as const;

/** Names shown in one message: the rest are counted. */
const NAMES_SHOWN = 3;

function resourceText(resource: AclResource): string {
  if (resource.type === 'cluster') return 'Cluster';
  const names = [...new Set(resource.names)].sort();
  const shown = names.slice(0, NAMES_SHOWN).join(', ');
  const rest = names.length > NAMES_SHOWN ? ` and ${names.length - NAMES_SHOWN} more` : '';
  const plural = names.length === 1 ? '' : 's';
  if (resource.type === 'topics of group') return `the topics of group${plural} ${shown}${rest}`;
  return `${resource.type}${plural} ${shown}${rest}`;
}

/** Where to suggest the wildcard: "(or on all topics)". */
const allOf = { cluster: null, topic: 'topics', group: 'groups', 'topics of group': 'topics' } as const;

/**
 * What the user reads where a refused value would be, e.g. "not authorised: needs
 * DescribeConfigs on topic orders (or on all topics)". Read is never suggested for all
 * topics: it also grants access to message contents. `purpose` says what the permission
 * would show ("for exact time lag").
 */
export function notAuthorisedMessage(operation: AclOperation, resource: AclResource, purpose?: string): string {
  const all = operation === 'Read' ? null : allOf[resource.type];
  const orAll = all ? ` (or on all ${all})` : '';
  return `not authorised: needs ${operation} on ${resourceText(resource)}${orAll}${purpose ? ` ${purpose}` : ''}`;
}

/**
 * One failure per refused request, not one per broker or per topic: every broker refuses the
 * same principal alike, and the log then says it once (lib/collector/failure-log.ts).
 */
export function notAuthorisedFailure(
  operation: string,
  acl: AclOperation,
  resource: AclResource,
  purpose?: string,
): PartialFailure {
  return {
    operation,
    broker: null,
    message: notAuthorisedMessage(acl, resource, purpose),
    notAuthorised: true,
    ...(resource.type === 'cluster' ? {} : { resources: [...new Set(resource.names)].sort() }),
  };
}

/** The refusal of `operation` among a cycle's failures, if it was refused. */
export function refusalOf(failures: PartialFailure[], operation: string): PartialFailure | undefined {
  return failures.find((f) => f.notAuthorised && f.operation === operation);
}
