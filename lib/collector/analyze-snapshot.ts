/**
 * Puts the pure analysis functions together for one snapshot: rates, time lag,
 * lag status, retention risk and catch-up per group; rates, age and usage per
 * topic; distribution per broker. No I/O: everything read from Kafka is already
 * in the snapshot, the memory and the record timestamps.
 */
import { brokerLoads, distributionSkew, preferredLeaderImbalance, sameRackReplicas } from '../analysis/distribution';
import { hotPartitions } from '../analysis/hot-partitions';
import { totalLag } from '../analysis/lag';
import { replicationHygiene } from '../analysis/replication-hygiene';
import { retentionLimits, topicRetentionUsage } from '../analysis/retention-risk';
import { bytesInRate, bytesPerMessage, counterRate, sumRates, type CounterRateOptions } from '../analysis/rates';
import { exactTimeLag } from '../analysis/time-lag';
import type { LagStatusOptions } from '../analysis/lag-status';
import type { ClusterAnalysis, DistributionAnalysis, PartitionAnalysis, TopicAnalysis } from './analysis-types';
import type { ClusterMemory } from './cluster-memory';
import { analyzeGroup } from './analyze-group';
import { partitionKey } from './partition-key';
import type { ClusterSnapshot } from './snapshot';
import { leaderSizeIndex, offsetsIndex } from './snapshot-indexes';
import type { TimestampCache } from './timestamp-cache';
import { runAll, type Steps } from './slices';

/** Partitions or topics analysed between two points where the analysis may pause. */
const PER_STEP = 200;

export interface AnalysisOptions {
  rates: CounterRateOptions;
  lagStatus: LagStatusOptions;
}

export interface AnalysisInput {
  snapshot: ClusterSnapshot;
  memory: ClusterMemory;
  timestamps: TimestampCache;
  options: AnalysisOptions;
}

function* analyzePartitions(
  input: AnalysisInput,
  sizes: ReadonlyMap<string, number>,
): Steps<Map<string, PartitionAnalysis>> {
  const { snapshot, memory, timestamps, options } = input;
  const now = snapshot.collectedAt;
  const result = new Map<string, PartitionAnalysis>();
  for (const [i, o] of snapshot.offsets.entries()) {
    if (i % PER_STEP === 0) yield;
    const key = partitionKey(o.topic, o.partition);
    const samples = memory.partitions.get(key)?.samples ?? [];
    const produceRate = counterRate(samples, options.rates, (s) => s.highWatermark);
    const size = sizes.get(key);
    const perMessage = size === undefined ? null : bytesPerMessage(size, o.logStartOffset, o.highWatermark);
    const oldest = o.highWatermark > o.logStartOffset ? timestamps.at(o.topic, o.partition, o.logStartOffset) : null;
    result.set(key, {
      produceRate,
      bytesInRate: bytesInRate(produceRate, perMessage),
      oldestMessageAgeSeconds: oldest?.timestampMs != null ? exactTimeLag(oldest.timestampMs, now) : null,
    });
  }
  return result;
}

function* analyzeTopics(
  snapshot: ClusterSnapshot,
  partitions: Map<string, PartitionAnalysis>,
  sizes: ReadonlyMap<string, number>,
): Steps<Map<string, TopicAnalysis>> {
  const configs = new Map(snapshot.topicConfigs.map((c) => [c.topic, c.configs]));
  const result = new Map<string, TopicAnalysis>();
  for (const topic of snapshot.topics) {
    if (result.size % (PER_STEP / 10) === 0) yield;
    result.set(topic.name, analyzeTopic(topic, configs, partitions, sizes));
  }
  return result;
}

function analyzeTopic(
  topic: ClusterSnapshot['topics'][number],
  configs: ReadonlyMap<string, ClusterSnapshot['topicConfigs'][number]['configs']>,
  partitions: Map<string, PartitionAnalysis>,
  sizes: ReadonlyMap<string, number>,
): TopicAnalysis {
  const own = topic.partitions.map((p) => ({
    partition: p.partition,
    analysis: partitions.get(partitionKey(topic.name, p.partition)),
    sizeBytes: sizes.get(partitionKey(topic.name, p.partition)) ?? null,
  }));
  const ages = own.flatMap((p) =>
    p.analysis?.oldestMessageAgeSeconds != null ? [p.analysis.oldestMessageAgeSeconds] : [],
  );
  const sizeValues = own.flatMap((p) => (p.sizeBytes === null ? [] : [p.sizeBytes]));
  const oldestMessageAgeSeconds = ages.length ? Math.max(...ages) : null;
  return {
    produceRate: sumRates(own.map((p) => p.analysis?.produceRate ?? null)),
    bytesInRate: sumRates(own.map((p) => p.analysis?.bytesInRate ?? null)),
    oldestMessageAgeSeconds,
    retentionUsage: topicRetentionUsage({
      oldestMessageAgeSeconds,
      maxPartitionSizeBytes: sizeValues.length ? Math.max(...sizeValues) : null,
      limits: retentionLimits(configs.get(topic.name) ?? {}),
    }),
    hotPartitions: hotPartitions(own.map((p) => ({ partition: p.partition, rate: p.analysis?.produceRate ?? null }))),
  };
}

export function analyzeDistribution(snapshot: ClusterSnapshot): DistributionAnalysis {
  const loads = brokerLoads(
    snapshot.brokers,
    snapshot.topics,
    snapshot.replicaSizes,
    new Set(snapshot.logDirs.map((d) => d.broker)),
  );
  const configs = Object.fromEntries(snapshot.topicConfigs.map((c) => [c.topic, c.configs]));
  return {
    loads,
    skew: distributionSkew(loads),
    preferredLeaderImbalance: preferredLeaderImbalance(snapshot.topics),
    sameRackReplicas: sameRackReplicas(snapshot.topics, snapshot.brokers),
    hygiene: replicationHygiene(snapshot.topics, configs, snapshot.brokers.length),
  };
}

export type SnapshotAnalysis = Omit<ClusterAnalysis, 'recordTimestamps'>;

/** The analysis at once (see analysisSteps). */
export function analyzeSnapshot(input: AnalysisInput): SnapshotAnalysis {
  return runAll(analysisSteps(input));
}

/** The analysis as steps the collector runs in slices (slices.ts), pausing between partitions, topics and groups. */
export function* analysisSteps(input: AnalysisInput): Steps<SnapshotAnalysis> {
  const { snapshot } = input;
  const sizes = leaderSizeIndex(snapshot);
  const offsets = offsetsIndex(snapshot);
  yield;
  const partitions = yield* analyzePartitions(input, sizes);
  const limits = new Map(snapshot.topicConfigs.map((c) => [c.topic, retentionLimits(c.configs)]));
  const groups = new Map<string, ReturnType<typeof analyzeGroup>>();
  for (const group of snapshot.groups) {
    yield;
    groups.set(group.groupId, analyzeGroup({ ...input, group, offsets, sizes, partitions, limits }));
  }
  const topics = yield* analyzeTopics(snapshot, partitions, sizes);
  yield;
  const distribution = analyzeDistribution(snapshot);
  yield;
  return {
    at: snapshot.collectedAt,
    partitions,
    topics,
    groups,
    distribution,
    produceRate: sumRates([...partitions.values()].map((p) => p.produceRate)),
    producedTotal: input.memory.producedTotal,
    totalLag: totalLag([...groups.values()].flatMap((g) => [...g.partitions.values()].map((p) => p.lag))),
    unreadPartitions: snapshot.topics.reduce(
      (count, t) => count + t.partitions.filter((p) => !offsets.has(partitionKey(t.name, p.partition))).length,
      0,
    ),
  };
}
