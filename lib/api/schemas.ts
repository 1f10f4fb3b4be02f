/**
 * The JSON API's response shapes: one schema, one type. Handlers return these and
 * pages parse them, so both sides agree on every field.
 */
import { z } from 'zod';
import { CONFIG_SOURCES } from '../kafka/config-sources';
import { CONNECTION_FAILURE_KINDS } from '../kafka/connection-failure';

const Freshness = {
  /** Epoch ms of the data shown (the last good collection). */
  collectedAt: z.number(),
  /** True when the last collection attempt failed, or none finished within 3 poll intervals: this is older data. */
  stale: z.boolean(),
  error: z.string().optional(),
  /** With `error` when the last poll failed: why no broker answered (see ConnectionFailureKind). */
  errorKind: z.enum(CONNECTION_FAILURE_KINDS).optional(),
};

export const Rate = z.number().nullable();
export const LagStatus = z.enum(['OK', 'WARN', 'STOP', 'STALL', 'REWIND', 'AHEAD']);
export const GroupStatus = z.enum(['OK', 'WARN', 'AHEAD', 'ERR']);
export type GroupStatus = z.infer<typeof GroupStatus>;

export const ClusterStatus = z.enum(['ok', 'degraded', 'unreachable']);
export type ClusterStatus = z.infer<typeof ClusterStatus>;

/** With several replicas: which one polls the cluster and since when (epoch ms), and which one answered. */
export const ClusterPolling = z.object({
  polledBy: z.string().nullable(),
  since: z.number().nullable(),
  servedBy: z.string(),
  /**
   * Why the leases could not be read last time (PostgreSQL away): `polledBy` is then as read
   * at `leasesReadAt` (null if never), unless it is this replica, whose own part is current.
   */
  leasesError: z.string().nullable(),
  leasesReadAt: z.number().nullable(),
});
export type ClusterPolling = z.infer<typeof ClusterPolling>;

export const ClusterSummary = z.object({
  id: z.string(),
  name: z.string(),
  /** Absent for a single process. */
  polling: ClusterPolling.optional(),
  status: ClusterStatus,
  /** KRaft or ZooKeeper mode; null before the first collection. */
  mode: z.enum(['kraft', 'zookeeper']).nullable(),
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
  /** Messages/s into all partitions. */
  produceRate: Rate,
  totalLag: z.number().nullable(),
  /**
   * Partitions whose offsets were not read in the last cycle (leader down, ListOffsets
   * failed): produceRate and totalLag leave them out, so both are at least what they say.
   */
  unreadPartitions: z.number(),
  /** Some group committed on a partition whose end offset was not read: totalLag is at least what it says. */
  totalLagLowerBound: z.boolean(),
  /** Groups per status (groups without committed offsets are not counted). */
  groupsByStatus: z.object({ OK: z.number(), WARN: z.number(), AHEAD: z.number(), ERR: z.number() }),
  /** Groups that lost messages, or whose loss is in sight (the countdown shows) and under an hour away. */
  groupsAtRisk: z.number(),
  /** The active controller (see BrokersResponse); null when unknown or there is none. */
  controllerId: z.number().nullable(),
  /** Why the controller is unknown, e.g. "controller unknown: not authorised: needs Describe on Cluster". */
  controllerError: z.string().nullable(),
  /** What Watermark's user may not read here, one sentence per refused request ("not authorised: needs …"). */
  notAuthorised: z.array(z.string()),
  /** As in every answer: the last poll failed, or none finished within 3 poll intervals (see `error`). */
  stale: z.boolean(),
  error: z.string().optional(),
  /** Why no broker answered: unreachable, auth-failed, tls-failed, closed or unsupported-version. */
  errorKind: z.enum(CONNECTION_FAILURE_KINDS).optional(),
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
  /** Partitions whose preferred (first) replica is this broker. */
  preferredLeaderCount: z.number(),
  /** Bytes of its replicas; null when it did not describe its log dirs (down, or refused): unknown, not 0. */
  sizeBytes: z.number().nullable(),
  /** Why its bytes and log dirs are unknown when DescribeLogDirs was refused ("not authorised: …"). */
  sizeError: z.string().nullable(),
  logDirs: z.array(
    z.object({
      path: z.string(),
      error: z.string().nullable(),
      totalBytes: z.number().nullable(),
      usableBytes: z.number().nullable(),
      /** The broker cannot report capacity (DescribeLogDirs below v4, Kafka before 3.3). */
      capacityNotServed: z.boolean(),
    }),
  ),
});
export type BrokerView = z.infer<typeof BrokerView>;

export const BrokersResponse = z.object({
  ...Freshness,
  /** The KRaft quorum leader, or in ZooKeeper mode the controller Metadata names. */
  controllerId: z.number().nullable(),
  /** Why the controller is unknown, e.g. "controller unknown: not authorised: needs Describe on Cluster". */
  controllerError: z.string().nullable(),
  mode: z.enum(['kraft', 'zookeeper']),
  /** Features some brokers cannot serve (their Kafka version is too old), with the brokers and why. */
  unavailable: z.array(z.object({ feature: z.string(), brokers: z.array(z.number()), message: z.string() })),
  brokers: z.array(BrokerView),
  distribution: z.object({
    /** Max over mean across brokers; 1 is perfectly even. */
    skew: z.object({
      leaders: z.number().nullable(),
      replicas: z.number().nullable(),
      sizeBytes: z.number().nullable(),
    }),
    preferredLeaderImbalance: z.array(
      z.object({ topic: z.string(), partition: z.number(), leader: z.number(), preferred: z.number() }),
    ),
    sameRackReplicas: z.array(
      z.object({ topic: z.string(), partition: z.number(), rack: z.string(), brokers: z.array(z.number()) }),
    ),
    hygiene: z.array(
      z.object({
        topic: z.string(),
        problem: z.enum(['replication-factor-below-2', 'min-insync-unsatisfiable']),
        replicationFactor: z.number(),
        minInSyncReplicas: z.number().nullable(),
      }),
    ),
  }),
  /**
   * Replicas and bytes per broker of the topics with the most bytes and of those with the
   * most replicas, 30 of each (the heat map's rows, for either of its views).
   */
  placement: z.array(
    z.object({
      topic: z.string(),
      replicas: z.record(z.string(), z.number()),
      sizeBytes: z.record(z.string(), z.number()),
      totalBytes: z.number(),
      totalReplicas: z.number(),
    }),
  ),
});
export type BrokersResponse = z.infer<typeof BrokersResponse>;

const TopicRates = {
  produceRate: Rate,
  /** Bytes/s: the produce rate times the partitions' average bytes per message. */
  bytesInRate: Rate,
  /** Age of the oldest retained message (the record at the log start offset). */
  oldestMessageAgeSeconds: z.number().nullable(),
  /** Why that age is unknown when reading the record was refused ("not authorised: needs Read on topic …"). */
  oldestMessageAgeError: z.string().nullable(),
  /** Oldest message age over retention.ms, largest partition over retention.bytes (1 = at the limit). */
  retentionUsage: z.object({ age: z.number().nullable(), size: z.number().nullable() }),
  hotPartitions: z.array(z.number()),
};

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
  /** Why the configs (retention) are unknown when they were refused: "not authorised: needs DescribeConfigs on topic …". */
  configsError: z.string().nullable(),
  /** Bytes on the leaders; null when no partition's size was read: unknown, not 0. */
  sizeBytes: z.number().nullable(),
  /** Why sizes are unknown when DescribeLogDirs was refused. */
  sizeError: z.string().nullable(),
  /** Offsets between log start and end: the message count, except in a compacted topic (an upper bound there). */
  messageCount: z.number(),
  ...TopicRates,
});
export type TopicSummary = z.infer<typeof TopicSummary>;

/** Topics left out because Watermark's user may not describe them, and the permission that would show them. */
const HiddenTopics = z.object({ topics: z.array(z.string()), message: z.string() }).nullable();

export const TopicsResponse = z.object({ ...Freshness, topics: z.array(TopicSummary), hidden: HiddenTopics });
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
  produceRate: Rate,
  bytesInRate: Rate,
  oldestMessageAgeSeconds: z.number().nullable(),
  hot: z.boolean(),
  error: z.string().nullable(),
});
export type PartitionView = z.infer<typeof PartitionView>;

/** Where a config's value comes from, by Kafka's names (kafka-configs --describe prints these). */
export const ConfigSource = z.enum(CONFIG_SOURCES);
export type ConfigSource = z.infer<typeof ConfigSource>;

/** One entry of a topic's configuration, as DescribeConfigs reported it. */
export const TopicConfigEntry = z.object({
  name: z.string(),
  /** Null for a sensitive entry (Kafka sends no value for it) or one without a value. */
  value: z.string().nullable(),
  source: ConfigSource,
  sensitive: z.boolean(),
  /** Set on this topic (DYNAMIC_TOPIC_CONFIG), overriding the cluster's value. */
  override: z.boolean(),
  /**
   * For an override, the value without it, where Kafka reports one: `name` is the topic
   * config itself (in its units) or, where every topic overrides it, a broker synonym
   * such as log.retention.hours.
   */
  default: z.object({ name: z.string(), value: z.string().nullable(), source: ConfigSource }).nullable(),
});
export type TopicConfigEntry = z.infer<typeof TopicConfigEntry>;

export const TopicResponse = z.object({
  ...Freshness,
  name: z.string(),
  internal: z.boolean(),
  configs: z.record(z.string(), z.string().nullable()),
  /** Every config, overrides first, then by name; empty when they were not read (see configsError). */
  configEntries: z.array(TopicConfigEntry),
  /** Why `configs` is empty when they were refused: "not authorised: needs DescribeConfigs on topic …". */
  configsError: z.string().nullable(),
  /** Why the partitions' sizes are unknown when DescribeLogDirs was refused. */
  sizeError: z.string().nullable(),
  partitions: z.array(PartitionView),
  groups: z.array(z.string()),
  ...TopicRates,
});
export type TopicResponse = z.infer<typeof TopicResponse>;

/** What makes a group's totals "at least": the UI prefixes them with ≥. */
const LowerBounds = {
  /** Some committed partitions' end offsets were not read: totalLag leaves them out. */
  totalLagLowerBound: z.boolean(),
  /** Some partition's time lag is only a lower bound (its committed record was deleted, or predates what we can date). */
  maxTimeLagLowerBound: z.boolean(),
};

/** What Watermark's user may not read of a group's topics; the partitions say which parts. */
const NotAuthorisedParts = {
  /** Why the max time lag is estimated: "not authorised: needs Read on topic … for exact time lag". */
  maxTimeLagError: z.string().nullable(),
  /** Every refusal that hides part of this group, one sentence each. */
  notAuthorised: z.array(z.string()),
};

export const GroupSummary = z.object({
  groupId: z.string(),
  state: z.string(),
  protocol: z.string(),
  memberCount: z.number(),
  topics: z.array(z.string()),
  totalLag: z.number().nullable(),
  ...LowerBounds,
  partitionsWithoutOffset: z.number(),
  status: GroupStatus.nullable(),
  maxTimeLagSeconds: z.number().nullable(),
  ...NotAuthorisedParts,
  /** The smallest time until loss over its partitions. */
  secondsUntilLoss: z.number().nullable(),
  /**
   * Whether a partition's possible loss is near enough to show (lossInSight in
   * lib/analysis/retention-risk.ts: its unread data has used a quarter of its topic's
   * retention.ms); the lists show secondsUntilLoss only then.
   */
  lossInSight: z.boolean(),
  lostMessages: z.number(),
  error: z.string().nullable(),
});
export type GroupSummary = z.infer<typeof GroupSummary>;

export const GroupsResponse = z.object({
  ...Freshness,
  groups: z.array(GroupSummary),
  /** Kafka leaves the groups' committed offsets on these topics out, unsaid (members' assignments still name them). */
  hiddenTopics: HiddenTopics,
});
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
  timeLagSeconds: z.number().nullable(),
  /** exact: from the record at the committed offset; estimated: interpolated from end offset history. */
  timeLagSource: z.enum(['exact', 'estimated']).nullable(),
  /** The real time lag is at least timeLagSeconds (the committed offset predates what we can date). */
  timeLagLowerBound: z.boolean(),
  /** Why the time lag is estimated: "not authorised: needs Read on topic … for exact time lag". */
  timeLagError: z.string().nullable(),
  /** Why committed offset and lag are unknown: "not authorised: needs Describe on topic …" (Kafka leaves them out). */
  offsetsError: z.string().nullable(),
  status: LagStatus.nullable(),
  consumeRate: Rate,
  produceRate: Rate,
  retention: z.object({
    lostMessages: z.number(),
    secondsUntilLoss: z.number().nullable(),
    limitedBy: z.enum(['time', 'size']).nullable(),
    /** The topic's retention.ms; null when no time limit applies (-1, or compaction only). */
    retentionMs: z.number().nullable(),
  }),
  /** Why no time until loss can be given: "not authorised: needs DescribeConfigs on topic …" (retention unknown). */
  retentionError: z.string().nullable(),
});
export type GroupPartitionView = z.infer<typeof GroupPartitionView>;

export const GroupResponse = z.object({
  ...Freshness,
  groupId: z.string(),
  state: z.string(),
  protocol: z.string(),
  totalLag: z.number().nullable(),
  ...LowerBounds,
  status: GroupStatus.nullable(),
  maxTimeLagSeconds: z.number().nullable(),
  ...NotAuthorisedParts,
  produceRate: Rate,
  consumeRate: Rate,
  /** Present when consumers outpace producers beyond the dead band (0 when caught up). */
  catchUpSeconds: z.number().optional(),
  /**
   * Present when producers outpace consumers: messages/s the lag grows by; 0 when the two
   * rates are within the dead band of lib/analysis/catch-up.ts (keeping up) or both 0.
   */
  fallingBehindBy: z.number().optional(),
  lostMessages: z.number(),
  secondsUntilLoss: z.number().nullable(),
  assignmentBalance: z
    .object({
      memberCount: z.number(),
      partitionCount: z.number(),
      minPartitionsPerMember: z.number(),
      maxPartitionsPerMember: z.number(),
      idleMembers: z.array(z.string()),
      notMultiple: z.boolean(),
    })
    .nullable(),
  members: z.array(GroupMemberView),
  partitions: z.array(GroupPartitionView),
  /** Why describing the group or reading its offsets failed (`error`, if any, is why the data is stale). */
  groupError: z.string().nullable(),
});
export type GroupResponse = z.infer<typeof GroupResponse>;

export const ErrorResponse = z.object({ error: z.string() });
export type ErrorResponse = z.infer<typeof ErrorResponse>;
