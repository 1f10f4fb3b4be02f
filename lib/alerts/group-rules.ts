/**
 * Consumer group rules: status, time lag, retention (lost and soon), a consuming
 * service that is down, offsets committed past the end, idle members. Time lag and
 * retention are checked per topic, so an override for one topic applies to that topic
 * only (see alert-policy.ts).
 */
import { isRebalancing } from '../analysis/assignment-balance';
import { groupStatus } from '../analysis/lag-status';
import { retentionLimits } from '../analysis/retention-risk';
import type { GroupAnalysis, GroupPartitionAnalysis } from '../collector/analysis-types';
import { splitPartitionKey } from '../collector/partition-key';
import type { ClusterState, GroupState } from '../collector/snapshot';
import { formatDuration } from '../format/format-duration';
import { formatExact } from '../format/format-number';
import type { AlertPolicy, ResolvedTuning } from './alert-policy';
import type { Condition, RuleId } from './alert-types';

interface GroupContext {
  cluster: string;
  group: GroupState;
  analysis: GroupAnalysis;
  /** The group's partitions by topic. */
  byTopic: Map<string, GroupPartitionAnalysis[]>;
  retentionMs: Map<string, number | null>;
  policy: AlertPolicy;
  /** The group's tuning for group-wide rules. */
  tuning: ResolvedTuning;
}

type Rule = (ctx: GroupContext) => Condition | null;

const groupHref = (cluster: string, group: string) =>
  `/clusters/${encodeURIComponent(cluster)}/groups/${encodeURIComponent(group)}`;

function condition(
  ctx: GroupContext,
  tuning: ResolvedTuning,
  c: Omit<Condition, 'key' | 'subject' | 'href' | 'forMs'> & { topic?: string },
): Condition | null {
  if (tuning.disabled.has(c.rule)) return null;
  const { topic, ...rest } = c;
  const group = ctx.group.groupId;
  return {
    ...rest,
    key: `${c.rule}:${ctx.cluster}:${group}`,
    subject: { cluster: ctx.cluster, group, ...(topic === undefined ? {} : { topic }) },
    href: groupHref(ctx.cluster, group),
    forMs: tuning.forMs,
  };
}

/** Topics of the group whose tuning leaves `rule` on, with that tuning. */
function enabledTopics(ctx: GroupContext, rule: RuleId): [string, GroupPartitionAnalysis[], ResolvedTuning][] {
  return [...ctx.byTopic].flatMap(([topic, partitions]) => {
    const tuning = ctx.policy.tuningFor({ group: ctx.group.groupId, topics: [topic] });
    return tuning.disabled.has(rule)
      ? []
      : [[topic, partitions, tuning] as [string, GroupPartitionAnalysis[], ResolvedTuning]];
  });
}

/**
 * No members, and a partition with lag that nobody commits on (STOP, or STALL: the same
 * offset over the window): the consuming service is down. STALL counts too, because a
 * service that stopped after committing for a while reads STALL until the time since its
 * last commit outgrows the window, and its other alerts must not go out ahead of this one.
 */
const isConsumerDown = ({ group, analysis }: GroupContext) =>
  group.members.length === 0 &&
  [...analysis.partitions.values()].some((p) => p.status === 'STOP' || p.status === 'STALL');

const consumerDown: Rule = (ctx) =>
  isConsumerDown(ctx)
    ? condition(ctx, ctx.tuning, {
        rule: 'consumer-down',
        severity: 'critical',
        value: [...ctx.analysis.partitions.values()].reduce((sum, p) => sum + (p.lag ?? 0), 0),
        threshold: 0,
        message: `Group ${ctx.group.groupId} has no members while messages wait to be read: the consuming service is down. Start its consumers.`,
      })
    : null;

const status: Rule = (ctx) => {
  const { analysis, group } = ctx;
  // AHEAD is committed-ahead's to report; the group's other partitions may still be WARN.
  const worst =
    analysis.status === 'AHEAD'
      ? groupStatus(
          [...analysis.partitions.values()].flatMap((p) => (p.status && p.status !== 'AHEAD' ? [p.status] : [])),
        )
      : analysis.status;
  if (worst !== 'WARN' && worst !== 'ERR') return null;
  if (isConsumerDown(ctx)) return null; // said once, by consumer-down
  const err = worst === 'ERR';
  return condition(ctx, ctx.tuning, {
    rule: 'group-status',
    severity: err ? 'critical' : 'warning',
    value: err ? 2 : 1,
    threshold: 0,
    message: err
      ? `Group ${group.groupId} is ERR: a partition is stopped, stalled or rewound. Check its consumers' logs; its page shows the record a stuck partition sits on.`
      : `Group ${group.groupId} is WARN: its lag has not decreased over the window. It may need more consumers.`,
  });
};

const timeLag: Rule = (ctx) => {
  let worst: { seconds: number; limit: number; topic: string; tuning: ResolvedTuning } | null = null;
  for (const [topic, partitions, tuning] of enabledTopics(ctx, 'group-time-lag')) {
    const seconds = Math.max(...partitions.map((p) => p.timeLagSeconds ?? -Infinity));
    if (seconds <= tuning.timeLagSeconds) continue;
    if (!worst || seconds / tuning.timeLagSeconds > worst.seconds / worst.limit) {
      worst = { seconds, limit: tuning.timeLagSeconds, topic, tuning };
    }
  }
  if (!worst) return null;
  return condition(ctx, worst.tuning, {
    rule: 'group-time-lag',
    severity: 'warning',
    topic: worst.topic,
    value: worst.seconds,
    threshold: worst.limit,
    message: `Group ${ctx.group.groupId} is ${formatDuration(worst.seconds)} behind on ${worst.topic} (more than ${formatDuration(worst.limit)}). Check its consumers' throughput.`,
  });
};

/** Messages lost per topic, on the topics whose tuning keeps retention-lost on. */
function lostByTopic(ctx: GroupContext): { topic: string; lost: number; tuning: ResolvedTuning }[] {
  return enabledTopics(ctx, 'retention-lost')
    .map(([topic, partitions, tuning]) => ({
      topic,
      lost: partitions.reduce((sum, p) => sum + p.retention.lostMessages, 0),
      tuning,
    }))
    .filter((t) => t.lost > 0);
}

const retentionLost: Rule = (ctx) => {
  const topics = lostByTopic(ctx);
  if (topics.length === 0) return null;
  const lost = topics.reduce((sum, t) => sum + t.lost, 0);
  return condition(ctx, topics[0].tuning, {
    rule: 'retention-lost',
    severity: 'critical',
    ...(topics.length === 1 ? { topic: topics[0].topic } : {}),
    value: lost,
    threshold: 0,
    message: `Group ${ctx.group.groupId} lost ${formatExact(lost)} messages on ${topics.map((t) => t.topic).join(', ')}: retention deleted them before it read them. Replay them from their source if they matter.`,
  });
};

const retentionSoon: Rule = (ctx) => {
  if (lostByTopic(ctx).length > 0) return null; // retention-lost says more
  let worst: { seconds: number; limit: number; topic: string; tuning: ResolvedTuning } | null = null;
  for (const [topic, partitions, tuning] of enabledTopics(ctx, 'retention-soon')) {
    const retentionMs = ctx.retentionMs.get(topic) ?? null;
    const fraction = retentionMs === null ? Infinity : (tuning.retentionSoonFraction * retentionMs) / 1000;
    const limit = Math.min(tuning.retentionSoonSeconds, fraction);
    for (const p of partitions) {
      const seconds = p.retention.secondsUntilLoss;
      if (seconds !== null && seconds < limit && (!worst || seconds < worst.seconds)) {
        worst = { seconds, limit, topic, tuning };
      }
    }
  }
  if (!worst) return null;
  return condition(ctx, worst.tuning, {
    rule: 'retention-soon',
    severity: 'warning',
    topic: worst.topic,
    value: worst.seconds,
    threshold: worst.limit,
    message: `Group ${ctx.group.groupId} may lose messages on ${worst.topic} in about ${formatDuration(worst.seconds)}. Speed up or scale its consumers, or raise the topic's retention.`,
  });
};

/**
 * Committed past the end of the log (the topic was recreated, or an unclean election
 * truncated it): nothing is lagging, but the consumer's next fetch fails and it resets.
 */
const committedAhead: Rule = (ctx) => {
  const topics = enabledTopics(ctx, 'group-committed-ahead')
    .map(([topic, partitions, tuning]) => ({
      topic,
      ahead: partitions.filter((p) => p.status === 'AHEAD').length,
      tuning,
    }))
    .filter((t) => t.ahead > 0);
  if (topics.length === 0) return null;
  const ahead = topics.reduce((sum, t) => sum + t.ahead, 0);
  return condition(ctx, topics[0].tuning, {
    rule: 'group-committed-ahead',
    severity: 'warning',
    ...(topics.length === 1 ? { topic: topics[0].topic } : {}),
    value: ahead,
    threshold: 0,
    message: `Group ${ctx.group.groupId} has committed offsets past the end of ${topics.map((t) => t.topic).join(', ')} on ${ahead === 1 ? '1 partition' : `${ahead} partitions`}: the topic was recreated or truncated. Its next fetch there gets OFFSET_OUT_OF_RANGE and the consumer resets by its auto.offset.reset: earliest re-reads the partition from its start, latest skips what is written before it fetches. Check which one it uses, or set its offsets.`,
  });
};

/** Not while the group rebalances: its assignment is then empty or on its way to change. */
const idleMembers: Rule = (ctx) => {
  if (isRebalancing(ctx.group.state)) return null;
  const idle = ctx.analysis.assignmentBalance?.idleMembers ?? [];
  if (idle.length === 0) return null;
  return condition(ctx, ctx.tuning, {
    rule: 'assignment-idle-members',
    severity: 'warning',
    value: idle.length,
    threshold: 0,
    message: `Group ${ctx.group.groupId} has ${idle.length === 1 ? '1 idle member' : `${idle.length} idle members`}: more members than partitions. Remove members or add partitions.`,
  });
};

const RULES: Rule[] = [consumerDown, status, timeLag, retentionLost, retentionSoon, committedAhead, idleMembers];

function partitionsByTopic(analysis: GroupAnalysis): Map<string, GroupPartitionAnalysis[]> {
  const byTopic = new Map<string, GroupPartitionAnalysis[]>();
  for (const [key, p] of analysis.partitions) {
    const { topic } = splitPartitionKey(key);
    const partitions = byTopic.get(topic);
    if (partitions) partitions.push(p);
    else byTopic.set(topic, [p]);
  }
  return byTopic;
}

/** Needs only the cycle's snapshot and analysis, so the collector thread can evaluate it where they are made. */
export function groupConditions(
  state: Pick<ClusterState, 'id' | 'snapshot' | 'analysis'>,
  policy: AlertPolicy,
): Condition[] {
  const { snapshot, analysis } = state;
  if (!snapshot || !analysis) return [];
  const retentionMs = new Map(snapshot.topicConfigs.map((c) => [c.topic, retentionLimits(c.configs).retentionMs]));
  return snapshot.groups.flatMap((group) => {
    const groupAnalysis = analysis.groups.get(group.groupId);
    if (!groupAnalysis) return [];
    const byTopic = partitionsByTopic(groupAnalysis);
    const tuning = policy.tuningFor({ group: group.groupId, topics: [...byTopic.keys()] });
    const ctx: GroupContext = {
      cluster: state.id,
      group,
      analysis: groupAnalysis,
      byTopic,
      retentionMs,
      policy,
      tuning,
    };
    return RULES.flatMap((rule) => rule(ctx) ?? []);
  });
}
