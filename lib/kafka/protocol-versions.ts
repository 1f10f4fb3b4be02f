/**
 * The one table of request versions: per Kafka API, the versions Watermark can speak,
 * best first, and what is lost below each. Every request asks `chooseVersion` with the
 * versions its broker advertised in ApiVersions: a broker that receives a version it
 * does not serve closes the connection, failing every other request on it.
 *
 * Measured from each release's ApiKeys (see KAFKA-NOTES.md): 2.8 serves Metadata ≤ 11,
 * ListOffsets ≤ 6, OffsetFetch ≤ 7, ListGroups ≤ 4, DescribeLogDirs ≤ 2; ZooKeeper-mode
 * brokers serve no DescribeQuorum; 3.3–3.8 serve DescribeQuorum ≤ 1.
 */

export interface ApiRange {
  min: number;
  max: number;
}

/** What one broker advertised: API key → version range. */
export type BrokerApis = ReadonlyMap<number, ApiRange>;

interface ApiSpec {
  key: number;
  /** Versions we can encode and decode, best first. */
  speaks: readonly number[];
  /** The first Kafka release that serves our lowest version (for "not available on Kafka …"). */
  since: string;
}

export const API_VERSIONS = {
  ApiVersions: { key: 18, speaks: [3], since: '2.4' },
  Metadata: { key: 3, speaks: [12, 11, 10, 9], since: '2.4' },
  // v2+ carry the isolation level: the last stable offset is known at every version we speak.
  ListOffsets: { key: 2, speaks: [7, 6, 5], since: '2.2' },
  // v8 asks for many groups at once; v7 one group per request.
  OffsetFetch: { key: 9, speaks: [8, 7], since: '2.5' },
  // v5 adds the group type filter; v4 lists every group, KIP-848 ones included.
  ListGroups: { key: 16, speaks: [5, 4], since: '2.6' },
  DescribeGroups: { key: 15, speaks: [5], since: '2.4' },
  ConsumerGroupDescribe: { key: 69, speaks: [0], since: '3.7' },
  DescribeConfigs: { key: 32, speaks: [4, 3, 2], since: '2.0' },
  // v4 adds each log dir's total and usable bytes.
  DescribeLogDirs: { key: 35, speaks: [4, 3, 2], since: '2.6' },
  // KRaft only: ZooKeeper-mode brokers do not serve it.
  DescribeQuorum: { key: 55, speaks: [2, 1, 0], since: '3.3 in KRaft mode' },
  Fetch: { key: 1, speaks: [12], since: '2.7' },
} as const satisfies Record<string, ApiSpec>;

export type ApiName = keyof typeof API_VERSIONS;

/** The highest version both sides speak, or null when the broker serves none of ours. */
export function chooseVersion(api: ApiName, apis: BrokerApis): number | null {
  const range = apis.get(API_VERSIONS[api].key);
  if (!range) return null;
  return API_VERSIONS[api].speaks.find((v) => v >= range.min && v <= range.max) ?? null;
}

/** "DescribeQuorum is not served by broker 2 (needs Kafka 3.3 in KRaft mode)". */
export function notServedMessage(api: ApiName, apis: BrokerApis, broker: number | string): string {
  const range = apis.get(API_VERSIONS[api].key);
  const serves = range ? `; it serves v${range.min}-${range.max}` : '';
  return `${api} is not served by broker ${broker} (needs Kafka ${API_VERSIONS[api].since}${serves})`;
}

/**
 * ZooKeeper-mode brokers do not serve DescribeQuorum; KRaft brokers (3.3+) do.
 * Kafka 4 has no ZooKeeper mode, and advertises DescribeQuorum too.
 */
export function clusterModeOf(apis: BrokerApis): 'kraft' | 'zookeeper' {
  return apis.has(API_VERSIONS.DescribeQuorum.key) ? 'kraft' : 'zookeeper';
}

/** A request no broker version we speak can carry: a capability gap, not a failure of the broker. */
export class NotServedError extends Error {
  readonly notServed = true;
}

/** True for NotServedError from any bundle (Next.js may load this module twice). */
export const isNotServed = (error: unknown): boolean => (error as { notServed?: unknown })?.notServed === true;
