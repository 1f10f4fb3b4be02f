/**
 * The JSON API's response shapes: one schema, one type. Handlers return these and
 * pages parse them, so both sides agree on every field.
 */
import { z } from 'zod';

const Freshness = {
  /** Epoch ms of the data shown (the last good collection). */
  collectedAt: z.number(),
  /** True when the last collection attempt failed and this is older data. */
  stale: z.boolean(),
  error: z.string().optional(),
};

export const ClusterStatus = z.enum(['ok', 'degraded', 'unreachable']);
export type ClusterStatus = z.infer<typeof ClusterStatus>;

export const ClusterSummary = z.object({
  id: z.string(),
  name: z.string(),
  status: ClusterStatus,
  collectedAt: z.number().nullable(),
  lastAttemptAt: z.number().nullable(),
  pollIntervalMs: z.number(),
  brokerCount: z.number(),
  brokersUp: z.number(),
  topicCount: z.number(),
  partitionCount: z.number(),
  groupCount: z.number(),
  underReplicatedPartitions: z.number(),
  offlinePartitions: z.number(),
  error: z.string().optional(),
});
export type ClusterSummary = z.infer<typeof ClusterSummary>;

export const ClustersResponse = z.object({ clusters: z.array(ClusterSummary) });
export type ClustersResponse = z.infer<typeof ClustersResponse>;

export const BrokerView = z.object({
  id: z.number(),
  host: z.string(),
  port: z.number(),
  rack: z.string().nullable(),
  reachable: z.boolean(),
  latencyMs: z.number().nullable(),
  error: z.string().nullable(),
  leaderCount: z.number(),
  replicaCount: z.number(),
  sizeBytes: z.number(),
  logDirs: z.array(
    z.object({
      path: z.string(),
      error: z.string().nullable(),
      totalBytes: z.number().nullable(),
      usableBytes: z.number().nullable(),
    }),
  ),
});
export type BrokerView = z.infer<typeof BrokerView>;

export const BrokersResponse = z.object({
  ...Freshness,
  controllerId: z.number().nullable(),
  brokers: z.array(BrokerView),
});
export type BrokersResponse = z.infer<typeof BrokersResponse>;

export const TopicSummary = z.object({
  name: z.string(),
  internal: z.boolean(),
  partitionCount: z.number(),
  replicationFactor: z.number(),
  underReplicatedPartitions: z.number(),
  offlinePartitions: z.number(),
  retentionMs: z.number().nullable(),
  retentionBytes: z.number().nullable(),
  cleanupPolicy: z.string().nullable(),
  sizeBytes: z.number(),
  messageCount: z.number(),
});
export type TopicSummary = z.infer<typeof TopicSummary>;

export const TopicsResponse = z.object({ ...Freshness, topics: z.array(TopicSummary) });
export type TopicsResponse = z.infer<typeof TopicsResponse>;

export const PartitionView = z.object({
  partition: z.number(),
  leader: z.number(),
  replicas: z.array(z.number()),
  isr: z.array(z.number()),
  offlineReplicas: z.array(z.number()),
  logStartOffset: z.number().nullable(),
  highWatermark: z.number().nullable(),
  /** Only where it differs from the high watermark (an open transaction). */
  lastStableOffset: z.number().nullable(),
  sizeBytes: z.number().nullable(),
  error: z.string().nullable(),
});
export type PartitionView = z.infer<typeof PartitionView>;

export const TopicResponse = z.object({
  ...Freshness,
  name: z.string(),
  internal: z.boolean(),
  configs: z.record(z.string(), z.string().nullable()),
  partitions: z.array(PartitionView),
  groups: z.array(z.string()),
});
export type TopicResponse = z.infer<typeof TopicResponse>;

export const GroupSummary = z.object({
  groupId: z.string(),
  state: z.string(),
  protocol: z.string(),
  memberCount: z.number(),
  topics: z.array(z.string()),
  totalLag: z.number().nullable(),
  partitionsWithoutOffset: z.number(),
  error: z.string().nullable(),
});
export type GroupSummary = z.infer<typeof GroupSummary>;

export const GroupsResponse = z.object({ ...Freshness, groups: z.array(GroupSummary) });
export type GroupsResponse = z.infer<typeof GroupsResponse>;

export const GroupMemberView = z.object({
  memberId: z.string(),
  clientId: z.string(),
  host: z.string(),
  assignment: z.array(z.object({ topic: z.string(), partitions: z.array(z.number()) })),
});

export const GroupPartitionView = z.object({
  topic: z.string(),
  partition: z.number(),
  committedOffset: z.number().nullable(),
  highWatermark: z.number().nullable(),
  logStartOffset: z.number().nullable(),
  lag: z.number().nullable(),
  committedAheadOfEnd: z.boolean(),
  memberId: z.string().nullable(),
  clientId: z.string().nullable(),
  host: z.string().nullable(),
});
export type GroupPartitionView = z.infer<typeof GroupPartitionView>;

export const GroupResponse = z.object({
  ...Freshness,
  groupId: z.string(),
  state: z.string(),
  protocol: z.string(),
  totalLag: z.number().nullable(),
  members: z.array(GroupMemberView),
  partitions: z.array(GroupPartitionView),
  error: z.string().nullable(),
});
export type GroupResponse = z.infer<typeof GroupResponse>;

export const ErrorResponse = z.object({ error: z.string() });
export type ErrorResponse = z.infer<typeof ErrorResponse>;
