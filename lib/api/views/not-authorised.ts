/**
 * What Watermark's user may not see in a cluster, from one cycle's refusals (lib/kafka/authorization.ts):
 * each view puts the message where the refused value would be, never a zero or a missing row.
 */
import { analysisFailures } from '../../collector/cluster-analyzer';
import type { ClusterAnalysis } from '../../collector/analysis-types';
import type { ClusterSnapshot, ClusterState } from '../../collector/snapshot';
import type { TopicConfig } from '../../kafka/types';
import { isNotAuthorised, notAuthorisedMessage, READ_PURPOSE, refusalOf } from '../../kafka/authorization';

/** Every refusal of the cycle, one message each (the log says the same once). */
export function notAuthorisedMessages(state: ClusterState): string[] {
  const failures = [...(state.snapshot?.failures ?? []), ...analysisFailures(state.analysis)];
  return [...new Set(failures.filter((f) => f.notAuthorised).map((f) => f.message))];
}

/** Why the active controller is unknown, when DescribeQuorum was refused. */
export function controllerError(snapshot: ClusterSnapshot): string | null {
  const refused = refusalOf(snapshot.failures, 'DescribeQuorum');
  return refused ? `controller unknown: ${refused.message}` : null;
}

/** Why broker, topic and partition sizes are unknown, when DescribeLogDirs was refused. */
export const sizeError = (snapshot: ClusterSnapshot): string | null =>
  refusalOf(snapshot.failures, 'DescribeLogDirs')?.message ?? null;

/** Topics Metadata left out because the user may not describe them (see lib/collector/hidden-topics.ts). */
export function hiddenTopics(snapshot: ClusterSnapshot): { topics: string[]; message: string } | null {
  const refused = refusalOf(snapshot.failures, 'Metadata');
  return refused ? { topics: refused.resources ?? [], message: refused.message } : null;
}

/** Why the topic's configs (`config`, as read this cycle) are unknown when they were refused, or null. */
export function configsError(config: TopicConfig | undefined, topic: string): string | null {
  return isNotAuthorised(config?.error ?? null)
    ? notAuthorisedMessage('DescribeConfigs', { type: 'topic', names: [topic] })
    : null;
}

/** Topics whose configs were refused. */
export const configsRefused = (snapshot: ClusterSnapshot): Set<string> =>
  new Set(snapshot.topicConfigs.filter((c) => isNotAuthorised(c.error)).map((c) => c.topic));

/** Topics that refused Read for record timestamps (exact time lag, oldest message age). */
export const readRefused = (analysis: ClusterAnalysis | null): Set<string> =>
  new Set(analysis?.recordTimestamps.refusedTopics ?? []);

export const readError = (topics: string[], purpose: string): string | null =>
  topics.length === 0 ? null : notAuthorisedMessage('Read', { type: 'topic', names: topics }, purpose);

/** `refused`: readRefused(analysis), made once per answer rather than per topic. */
export const oldestMessageAgeError = (refused: ReadonlySet<string>, topic: string): string | null =>
  refused.has(topic) ? readError([topic], READ_PURPOSE.oldestMessage) : null;
