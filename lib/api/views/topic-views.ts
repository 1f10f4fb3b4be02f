/**
 * Topic list and topic detail.
 */
import type { TopicAnalysis } from '../../collector/analysis-types';
import type { ClusterState } from '../../collector/snapshot';
import type { TopicMetadata } from '../../kafka/types';
import type { TopicResponse, TopicsResponse, TopicSummary } from '../schemas';
import { freshness } from './freshness';
import { topicConfigEntries } from './topic-config-entries';
import { configsError, hiddenTopics, oldestMessageAgeError, readRefused, sizeError } from './not-authorised';
import { configNumber, isOffline, isUnderReplicated, leaderSizeIndex, offsetsIndex, partitionKey } from './indexes';

const NO_TOPIC_ANALYSIS: TopicAnalysis = {
  produceRate: null,
  bytesInRate: null,
  oldestMessageAgeSeconds: null,
  retentionUsage: { age: null, size: null },
  hotPartitions: [],
};

function topicRates(state: ClusterState, topic: string): TopicAnalysis {
  return state.analysis?.topics.get(topic) ?? NO_TOPIC_ANALYSIS;
}

export function topicsView(state: ClusterState): TopicsResponse {
  return { ...freshness(state), ...topicsOfCycle(state) };
}

/** The topics list without its freshness: the part that changes only with the cycle (see AnswerCache). */
export function topicsOfCycle(state: ClusterState): Omit<TopicsResponse, keyof ReturnType<typeof freshness>> {
  const snapshot = state.snapshot!;
  const offsets = offsetsIndex(snapshot);
  const sizes = leaderSizeIndex(snapshot);
  // Looked up by name: a `find` per topic was quadratic at thousands of topics.
  const configs = new Map(snapshot.topicConfigs.map((c) => [c.topic, c]));
  const refusedSizes = sizeError(snapshot);
  const refusedReads = readRefused(state.analysis);
  const topics: TopicSummary[] = snapshot.topics.map((topic) => {
    const topicConfig = configs.get(topic.name);
    const config = topicConfig?.configs ?? {};
    let sizeBytes: number | null = null;
    let messageCount = 0;
    for (const p of topic.partitions) {
      const key = partitionKey(topic.name, p.partition);
      const size = sizes.get(key);
      // No partition's size read (log dirs refused or not answered): unknown, not 0.
      if (size !== undefined) sizeBytes = (sizeBytes ?? 0) + size;
      const o = offsets.get(key);
      if (o) messageCount += o.highWatermark - o.logStartOffset;
    }
    return {
      name: topic.name,
      internal: topic.internal,
      partitionCount: topic.partitions.length,
      replicationFactor: Math.max(0, ...topic.partitions.map((p) => p.replicas.length)),
      underReplicatedPartitions: topic.partitions.filter(isUnderReplicated).length,
      offlinePartitions: topic.partitions.filter(isOffline).length,
      retentionMs: configNumber(config['retention.ms']),
      retentionBytes: configNumber(config['retention.bytes']),
      cleanupPolicy: config['cleanup.policy'] ?? null,
      configsError: configsError(topicConfig, topic.name),
      sizeBytes,
      sizeError: refusedSizes,
      messageCount,
      ...topicRates(state, topic.name),
      oldestMessageAgeError: oldestMessageAgeError(refusedReads, topic.name),
    };
  });
  return { topics, hidden: hiddenTopics(snapshot) };
}

export function topicView(state: ClusterState, topic: TopicMetadata): TopicResponse {
  const snapshot = state.snapshot!;
  const offsets = offsetsIndex(snapshot);
  const sizes = leaderSizeIndex(snapshot);
  const groups = snapshot.groups
    .filter(
      (g) =>
        g.offsets.some((o) => o.topic === topic.name) ||
        g.members.some((m) => m.assignment.some((a) => a.topic === topic.name)),
    )
    .map((g) => g.groupId);
  const rates = topicRates(state, topic.name);
  const config = snapshot.topicConfigs.find((c) => c.topic === topic.name);
  return {
    ...freshness(state),
    ...rates,
    name: topic.name,
    internal: topic.internal,
    configs: config?.configs ?? {},
    configEntries: topicConfigEntries(config),
    configsError: configsError(config, topic.name),
    sizeError: sizeError(snapshot),
    oldestMessageAgeError: oldestMessageAgeError(readRefused(state.analysis), topic.name),
    partitions: topic.partitions.map((p) => {
      const key = partitionKey(topic.name, p.partition);
      const o = offsets.get(key);
      return {
        partition: p.partition,
        leader: p.leader,
        replicas: p.replicas,
        isr: p.isr,
        offlineReplicas: p.offlineReplicas,
        logStartOffset: o?.logStartOffset ?? null,
        highWatermark: o?.highWatermark ?? null,
        lastStableOffset: o && o.lastStableOffset !== o.highWatermark ? o.lastStableOffset : null,
        sizeBytes: sizes.get(key) ?? null,
        produceRate: state.analysis?.partitions.get(key)?.produceRate ?? null,
        bytesInRate: state.analysis?.partitions.get(key)?.bytesInRate ?? null,
        oldestMessageAgeSeconds: state.analysis?.partitions.get(key)?.oldestMessageAgeSeconds ?? null,
        hot: rates.hotPartitions.includes(p.partition),
        error: p.error,
      };
    }),
    groups,
  };
}
