/**
 * Consumer group rules: status, time lag, retention (lost and soon), a consuming
 * service that is down, idle members.
 */
import { retentionLimits } from '../analysis/retention-risk';
import type { GroupAnalysis } from '../collector/analysis-types';
import { splitPartitionKey } from '../collector/partition-key';
import type { ClusterState, GroupState } from '../collector/snapshot';
import { formatDuration } from '../format/format-duration';
import type { Condition } from './alert-types';
import type { AlertThresholds } from './alert-thresholds';

type Rule = (group: GroupState, analysis: GroupAnalysis, context: RuleContext) => Condition | null;

interface RuleContext {
  cluster: string;
  retentionMs: Map<string, number | null>;
  thresholds: AlertThresholds;
}

const groupHref = (cluster: string, group: string) =>
  `/clusters/${encodeURIComponent(cluster)}/groups/${encodeURIComponent(group)}`;

function condition(ctx: RuleContext, group: string, c: Omit<Condition, 'key' | 'subject' | 'href'>): Condition {
  return {
    ...c,
    key: `${c.rule}:${ctx.cluster}:${group}`,
    subject: { cluster: ctx.cluster, group },
    href: groupHref(ctx.cluster, group),
  };
}

/** No members, committed offsets, and lag that keeps growing (STOP): the consuming service is down. */
const isConsumerDown = (group: GroupState, analysis: GroupAnalysis) =>
  group.members.length === 0 && [...analysis.partitions.values()].some((p) => p.status === 'STOP');

const consumerDown: Rule = (group, analysis, ctx) =>
  isConsumerDown(group, analysis)
    ? condition(ctx, group.groupId, {
        rule: 'consumer-down',
        severity: 'critical',
        value: [...analysis.partitions.values()].reduce((sum, p) => sum + (p.lag ?? 0), 0),
        threshold: 0,
        message: `Group ${group.groupId} has no members while its lag grows: the consuming service is down. Start its consumers.`,
      })
    : null;

const status: Rule = (group, analysis, ctx) => {
  if (analysis.status !== 'WARN' && analysis.status !== 'ERR') return null;
  if (isConsumerDown(group, analysis)) return null; // said once, by consumer-down
  const err = analysis.status === 'ERR';
  return condition(ctx, group.groupId, {
    rule: 'group-status',
    severity: err ? 'critical' : 'warning',
    value: err ? 2 : 1,
    threshold: 0,
    message: err
      ? `Group ${group.groupId} is ERR: a partition is stopped, stalled or rewound. Check its consumers' logs.`
      : `Group ${group.groupId} is WARN: its lag has not decreased over the window. It may need more consumers.`,
  });
};

const timeLag: Rule = (group, analysis, ctx) => {
  const seconds = analysis.maxTimeLagSeconds;
  if (seconds === null || seconds <= ctx.thresholds.timeLagSeconds) return null;
  return condition(ctx, group.groupId, {
    rule: 'group-time-lag',
    severity: 'warning',
    value: seconds,
    threshold: ctx.thresholds.timeLagSeconds,
    message: `Group ${group.groupId} is ${formatDuration(seconds)} behind (more than ${formatDuration(ctx.thresholds.timeLagSeconds)}).`,
  });
};

const retentionLost: Rule = (group, analysis, ctx) =>
  analysis.lostMessages > 0
    ? condition(ctx, group.groupId, {
        rule: 'retention-lost',
        severity: 'critical',
        value: analysis.lostMessages,
        threshold: 0,
        message: `Group ${group.groupId} lost ${analysis.lostMessages} messages: retention deleted them before it read them. Replay them from their source if they matter.`,
      })
    : null;

const retentionSoon: Rule = (group, analysis, ctx) => {
  if (analysis.lostMessages > 0) return null;
  let worst: { seconds: number; limit: number; topic: string } | null = null;
  for (const [key, p] of analysis.partitions) {
    const seconds = p.retention.secondsUntilLoss;
    if (seconds === null) continue;
    const { topic } = splitPartitionKey(key);
    const retentionMs = ctx.retentionMs.get(topic) ?? null;
    const fraction = retentionMs === null ? Infinity : (ctx.thresholds.retentionSoonFraction * retentionMs) / 1000;
    const limit = Math.min(ctx.thresholds.retentionSoonSeconds, fraction);
    if (seconds < limit && (!worst || seconds < worst.seconds)) worst = { seconds, limit, topic };
  }
  if (!worst) return null;
  return condition(ctx, group.groupId, {
    rule: 'retention-soon',
    severity: 'warning',
    value: worst.seconds,
    threshold: worst.limit,
    message: `Group ${group.groupId} may lose messages on ${worst.topic} in about ${formatDuration(worst.seconds)}. Speed up or scale its consumers, or raise the topic's retention.`,
  });
};

const idleMembers: Rule = (group, analysis, ctx) => {
  const idle = analysis.assignmentBalance?.idleMembers ?? [];
  if (idle.length === 0) return null;
  return condition(ctx, group.groupId, {
    rule: 'assignment-idle-members',
    severity: 'warning',
    value: idle.length,
    threshold: 0,
    message: `Group ${group.groupId} has ${idle.length} idle members: more members than partitions. Remove members or add partitions.`,
  });
};

const RULES: Rule[] = [consumerDown, status, timeLag, retentionLost, retentionSoon, idleMembers];

export function groupConditions(state: ClusterState, thresholds: AlertThresholds): Condition[] {
  const { snapshot, analysis } = state;
  if (!snapshot || !analysis) return [];
  const retentionMs = new Map(snapshot.topicConfigs.map((c) => [c.topic, retentionLimits(c.configs).retentionMs]));
  const ctx: RuleContext = { cluster: state.id, retentionMs, thresholds };
  return snapshot.groups.flatMap((group) => {
    const groupAnalysis = analysis.groups.get(group.groupId);
    if (!groupAnalysis) return [];
    return RULES.flatMap((rule) => rule(group, groupAnalysis, ctx) ?? []);
  });
}
