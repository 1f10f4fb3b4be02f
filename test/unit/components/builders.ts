/**
 * Fixtures for the component helpers' tests: list rows as the API sends them, healthy and
 * unremarkable by default, with the fields a test is about given as overrides.
 */
import type { GroupSummary, TopicSummary } from '@/lib/api/schemas';

/** A stable, caught-up classic group with one member and no topics. */
export function groupSummary(groupId: string, overrides: Partial<GroupSummary> = {}): GroupSummary {
  return {
    groupId,
    state: 'Stable',
    protocol: 'classic',
    memberCount: 1,
    topics: [],
    totalLag: 0,
    totalLagLowerBound: false,
    maxTimeLagLowerBound: false,
    partitionsWithoutOffset: 0,
    status: 'OK',
    maxTimeLagSeconds: 0,
    maxTimeLagError: null,
    notAuthorised: [],
    secondsUntilLoss: null,
    lossInSight: false,
    lostMessages: 0,
    error: null,
    ...overrides,
  };
}

/** An empty one-partition topic, replicated 3 times, kept 7 days (retention.ms) with no size limit. */
export function topicSummary(name: string, overrides: Partial<TopicSummary> = {}): TopicSummary {
  return {
    name,
    internal: false,
    partitionCount: 1,
    replicationFactor: 3,
    underReplicatedPartitions: 0,
    offlinePartitions: 0,
    retentionMs: 604_800_000,
    retentionBytes: -1,
    cleanupPolicy: 'delete',
    configsError: null,
    sizeBytes: 0,
    sizeError: null,
    messageCount: 0,
    produceRate: null,
    bytesInRate: null,
    oldestMessageAgeSeconds: null,
    oldestMessageAgeError: null,
    retentionUsage: { age: null, size: null },
    hotPartitions: [],
    ...overrides,
  };
}
