/**
 * What changed in a cluster between two consecutive snapshots, as events for the timeline:
 * groups (created, gone, state, rebalance, assignment, offsets rewound or overtaken by
 * retention), topics (created, deleted, partitions added, config changed), partitions
 * (leader, ISR, offline), brokers (down, up), the controller and log dir usage.
 *
 * A change is only reported where both snapshots read the thing it is about: a group whose
 * coordinator did not answer is not "gone", a topic config that could not be read did not
 * "change". Partition changes are gathered per topic (a broker going down moves hundreds of
 * leaders: one event per topic, with the partitions in its details).
 */
import type { Transition } from '../alerts/alert-types';
import type { ClusterSnapshot, GroupState } from '../collector/snapshot';
import { configValueReading } from '../format/config-wording';
import type { PartitionMetadata } from '../kafka/types';

export const EVENT_KINDS = [
  'group-created',
  'group-gone',
  'group-state',
  'group-rebalance',
  'group-assignment',
  'offset-rewind',
  'offset-overtaken',
  'topic-created',
  'topic-deleted',
  'partitions-added',
  'topic-config',
  'leader-changed',
  'isr-shrink',
  'isr-expand',
  'partition-offline',
  'partition-online',
  'broker-down',
  'broker-up',
  'controller-changed',
  'log-dir-usage',
  'alert-fired',
  'alert-resolved',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** What an event is about; absent fields do not apply. */
export interface EventSubject {
  group?: string;
  topic?: string;
  partition?: number;
  broker?: number;
}

export interface ClusterEvent {
  /** When it was seen: the collection time of the snapshot that shows it. */
  at: number;
  /** It happened after this (the previous snapshot's collection time). */
  after: number;
  kind: EventKind;
  subject: EventSubject;
  /** One sentence, as the timeline shows it. */
  message: string;
  details: Record<string, unknown>;
}

/** The parts of a snapshot events are derived from. */
export type EventSnapshot = Pick<
  ClusterSnapshot,
  'collectedAt' | 'controllerId' | 'brokers' | 'topics' | 'offsets' | 'topicConfigs' | 'logDirs' | 'groups' | 'failures'
>;

/** Log dir usage levels: an event when usage crosses one of these, up or down. */
export const LOG_DIR_THRESHOLDS = [0.8, 0.9];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;
const list = (ids: number[]) => ids.join(', ');

/** Events for everything that changed from `before` to `after`, in a stable order. */
export function deriveEvents(before: EventSnapshot, now: EventSnapshot): ClusterEvent[] {
  const events: ClusterEvent[] = [];
  const push = (kind: EventKind, subject: EventSubject, message: string, details: Record<string, unknown> = {}) =>
    events.push({ at: now.collectedAt, after: before.collectedAt, kind, subject, message, details });
  brokerEvents(before, now, push);
  topicEvents(before, now, push);
  configEvents(before, now, push);
  logDirEvents(before, now, push);
  groupEvents(before, now, push);
  return events;
}

type Push = (kind: EventKind, subject: EventSubject, message: string, details?: Record<string, unknown>) => void;

function brokerEvents(before: EventSnapshot, now: EventSnapshot, push: Push): void {
  const was = new Map(before.brokers.map((b) => [b.id, b]));
  for (const broker of now.brokers) {
    const previous = was.get(broker.id);
    if (!previous || previous.reachable === broker.reachable) continue;
    const where = `${broker.host}:${broker.port}`;
    if (broker.reachable) push('broker-up', { broker: broker.id }, `broker ${broker.id} (${where}) is back`);
    else {
      const why = broker.error ? `: ${broker.error}` : '';
      push('broker-down', { broker: broker.id }, `broker ${broker.id} (${where}) is down${why}`, {
        error: broker.error,
      });
    }
  }
  if (before.controllerId !== null && now.controllerId !== null && before.controllerId !== now.controllerId) {
    push(
      'controller-changed',
      { broker: now.controllerId },
      `the active controller moved from ${before.controllerId} to ${now.controllerId}`,
      { from: before.controllerId, to: now.controllerId },
    );
  }
}

interface PartitionChanges {
  leaders: { partition: number; from: number; to: number; preferred: number }[];
  shrunk: { partition: number; left: number[]; isr: number[] }[];
  expanded: { partition: number; joined: number[]; isr: number[] }[];
  offline: number[];
  online: number[];
}

function topicEvents(before: EventSnapshot, now: EventSnapshot, push: Push): void {
  const was = new Map(before.topics.map((t) => [t.name, t]));
  const names = new Set(now.topics.map((t) => t.name));
  for (const topic of now.topics) {
    const previous = was.get(topic.name);
    if (!previous) {
      push(
        'topic-created',
        { topic: topic.name },
        `topic ${topic.name} created with ${plural(topic.partitions.length, 'partition')}`,
        {
          partitions: topic.partitions.length,
        },
      );
      continue;
    }
    if (topic.partitions.length > previous.partitions.length) {
      push(
        'partitions-added',
        { topic: topic.name },
        `topic ${topic.name}: partitions ${previous.partitions.length} → ${topic.partitions.length}`,
        { from: previous.partitions.length, to: topic.partitions.length },
      );
    }
    partitionEvents(topic.name, previous.partitions, topic.partitions, push);
  }
  for (const topic of before.topics) {
    if (!names.has(topic.name)) push('topic-deleted', { topic: topic.name }, `topic ${topic.name} deleted`);
  }
}

function partitionEvents(topic: string, before: PartitionMetadata[], now: PartitionMetadata[], push: Push): void {
  const was = new Map(before.map((p) => [p.partition, p]));
  const changes: PartitionChanges = { leaders: [], shrunk: [], expanded: [], offline: [], online: [] };
  for (const partition of now) {
    const previous = was.get(partition.partition);
    if (!previous) continue;
    const id = partition.partition;
    if (previous.leader >= 0 && partition.leader < 0) changes.offline.push(id);
    else if (previous.leader < 0 && partition.leader >= 0) changes.online.push(id);
    else if (previous.leader >= 0 && partition.leader !== previous.leader) {
      changes.leaders.push({
        partition: id,
        from: previous.leader,
        to: partition.leader,
        preferred: partition.replicas[0],
      });
    }
    const isrBefore = new Set(previous.isr);
    const isrNow = new Set(partition.isr);
    const left = previous.isr.filter((b) => !isrNow.has(b));
    const joined = partition.isr.filter((b) => !isrBefore.has(b));
    if (left.length > 0) changes.shrunk.push({ partition: id, left, isr: partition.isr });
    if (joined.length > 0) changes.expanded.push({ partition: id, joined, isr: partition.isr });
  }
  pushPartitionChanges(topic, changes, push);
}

/** The one broker every entry names, if there is one (an ISR event is then also that broker's). */
function soleBroker(brokerLists: number[][]): number | undefined {
  const all = new Set(brokerLists.flat());
  return all.size === 1 ? [...all][0] : undefined;
}

function subjectOf(topic: string, partitions: number[], broker?: number): EventSubject {
  return {
    topic,
    ...(partitions.length === 1 ? { partition: partitions[0] } : {}),
    ...(broker !== undefined ? { broker } : {}),
  };
}

function partitionsText(topic: string, partitions: number[]): string {
  return partitions.length === 1
    ? `${topic}-${partitions[0]}`
    : `${plural(partitions.length, 'partition')} of ${topic}`;
}

function pushPartitionChanges(topic: string, changes: PartitionChanges, push: Push): void {
  const { leaders, shrunk, expanded, offline, online } = changes;
  if (offline.length > 0) {
    push('partition-offline', subjectOf(topic, offline), `${partitionsText(topic, offline)} offline: no leader`, {
      partitions: offline,
    });
  }
  if (online.length > 0) {
    push('partition-online', subjectOf(topic, online), `${partitionsText(topic, online)} back online`, {
      partitions: online,
    });
  }
  if (leaders.length > 0) {
    const ids = leaders.map((l) => l.partition);
    const offPreferred = leaders.filter((l) => l.to !== l.preferred).length;
    const single = leaders.length === 1 ? ` from ${leaders[0].from} to ${leaders[0].to}` : '';
    const preferredText =
      offPreferred === 0
        ? leaders.length === 1
          ? ' (its preferred leader)'
          : ', all to their preferred leader'
        : leaders.length === 1
          ? ` (not its preferred leader ${leaders[0].preferred})`
          : `, ${offPreferred} not to their preferred leader`;
    push(
      'leader-changed',
      subjectOf(topic, ids),
      `leader of ${partitionsText(topic, ids)} changed${single}${preferredText}`,
      {
        partitions: leaders,
        offPreferred,
      },
    );
  }
  if (shrunk.length > 0) {
    const ids = shrunk.map((s) => s.partition);
    const broker = soleBroker(shrunk.map((s) => s.left));
    const who =
      broker !== undefined
        ? `broker ${broker} left`
        : `brokers ${list([...new Set(shrunk.flatMap((s) => s.left))])} left`;
    push('isr-shrink', subjectOf(topic, ids, broker), `ISR of ${partitionsText(topic, ids)} shrank: ${who}`, {
      partitions: shrunk,
    });
  }
  if (expanded.length > 0) {
    const ids = expanded.map((s) => s.partition);
    const broker = soleBroker(expanded.map((s) => s.joined));
    const who =
      broker !== undefined
        ? `broker ${broker} back in sync`
        : `brokers ${list([...new Set(expanded.flatMap((s) => s.joined))])} back in sync`;
    push('isr-expand', subjectOf(topic, ids, broker), `ISR of ${partitionsText(topic, ids)} expanded: ${who}`, {
      partitions: expanded,
    });
  }
}

/** `7d → 1h` where the value reads as a duration or size, else the values themselves. */
function valueText(name: string, value: string | null): string {
  if (value === null) return 'unset';
  return configValueReading(name, value) ?? value;
}

function configEvents(before: EventSnapshot, now: EventSnapshot, push: Push): void {
  const was = new Map(before.topicConfigs.map((c) => [c.topic, c]));
  for (const config of now.topicConfigs) {
    const previous = was.get(config.topic);
    if (!previous || previous.error || config.error) continue;
    const sensitive = new Set([...previous.sensitive, ...config.sensitive]);
    const names = new Set([...Object.keys(previous.configs), ...Object.keys(config.configs)]);
    const changes: { name: string; from: string | null; to: string | null }[] = [];
    for (const name of [...names].sort()) {
      if (sensitive.has(name)) continue;
      const from = previous.configs[name] ?? null;
      const to = config.configs[name] ?? null;
      if (from !== to) changes.push({ name, from, to });
    }
    if (changes.length === 0) continue;
    const text = changes.map((c) => `${c.name} ${valueText(c.name, c.from)} → ${valueText(c.name, c.to)}`).join(', ');
    push('topic-config', { topic: config.topic }, `topic ${config.topic}: ${text}`, { changes });
  }
}

function usedFraction(dir: EventSnapshot['logDirs'][number]): number | null {
  if (dir.error || dir.totalBytes === null || dir.usableBytes === null || dir.totalBytes <= 0) return null;
  return (dir.totalBytes - dir.usableBytes) / dir.totalBytes;
}

function logDirEvents(before: EventSnapshot, now: EventSnapshot, push: Push): void {
  const was = new Map(before.logDirs.map((d) => [`${d.broker}\u0000${d.path}`, d]));
  const level = (used: number) => LOG_DIR_THRESHOLDS.filter((t) => used >= t).length;
  for (const dir of now.logDirs) {
    const previous = was.get(`${dir.broker}\u0000${dir.path}`);
    const usedBefore = previous ? usedFraction(previous) : null;
    const usedNow = usedFraction(dir);
    if (usedBefore === null || usedNow === null || level(usedBefore) === level(usedNow)) continue;
    const rising = level(usedNow) > level(usedBefore);
    const crossed = rising ? LOG_DIR_THRESHOLDS[level(usedNow) - 1] : LOG_DIR_THRESHOLDS[level(usedNow)];
    const percent = (f: number) => `${Math.round(f * 100)}%`;
    push(
      'log-dir-usage',
      { broker: dir.broker },
      `log dir ${dir.path} on broker ${dir.broker} ${percent(usedNow)} used (was ${percent(usedBefore)}, ${rising ? 'above' : 'back below'} ${percent(crossed)})`,
      { path: dir.path, from: usedBefore, to: usedNow, threshold: crossed },
    );
  }
}

/** A member as the timeline names it: client id and host. */
const memberText = (m: { clientId: string; host: string }) => `${m.clientId} (${m.host.replace(/^\//, '')})`;

/** Each member's partitions, as `topic-partition` strings, for comparing assignments. */
function assignmentOf(group: GroupState): Map<string, string[]> {
  return new Map(
    group.members.map((m) => [
      m.memberId,
      m.assignment.flatMap((a) => a.partitions.map((p) => `${a.topic}-${p}`)).sort(),
    ]),
  );
}

function sameAssignment(a: Map<string, string[]>, b: Map<string, string[]>): boolean {
  if (a.size !== b.size) return false;
  for (const [member, partitions] of a) {
    const other = b.get(member);
    if (!other || other.join('\u0000') !== partitions.join('\u0000')) return false;
  }
  return true;
}

function groupEvents(before: EventSnapshot, now: EventSnapshot, push: Push): void {
  const was = new Map(before.groups.map((g) => [g.groupId, g]));
  const listedAll = !now.failures.some((f) => f.operation === 'ListGroups');
  const listedBefore = !before.failures.some((f) => f.operation === 'ListGroups');
  const ids = new Set(now.groups.map((g) => g.groupId));
  const logStart = new Map(now.offsets.map((o) => [partitionKey(o.topic, o.partition), o.logStartOffset]));
  const logStartBefore = new Map(before.offsets.map((o) => [partitionKey(o.topic, o.partition), o.logStartOffset]));
  for (const group of now.groups) {
    const previous = was.get(group.groupId);
    const subject = { group: group.groupId };
    if (!previous) {
      if (listedBefore) groupCreated(group, push);
      continue;
    }
    if (previous.state !== group.state) {
      push('group-state', subject, stateMessage(group.groupId, [previous.state, group.state]), {
        from: previous.state,
        to: group.state,
      });
    }
    if (!previous.error && !group.error) {
      membershipEvents(previous, group, push);
      offsetEvents(previous, group, { logStart, logStartBefore }, push);
    }
  }
  if (!listedAll) return;
  for (const group of before.groups) {
    if (!ids.has(group.groupId)) push('group-gone', { group: group.groupId }, `group ${group.groupId} is gone`);
  }
}

interface MemberRef {
  memberId: string;
  clientId: string;
  host: string;
}

function rebalanceMessage(groupId: string, joined: MemberRef[], left: MemberRef[]): string {
  const parts = [
    joined.length > 0 ? `${plural(joined.length, 'member')} joined: ${joined.map(memberText).join(', ')}` : '',
    left.length > 0 ? `${plural(left.length, 'member')} left: ${left.map(memberText).join(', ')}` : '',
  ].filter(Boolean);
  return `group ${groupId} rebalanced, ${parts.join('; ')}`;
}

/** States a flapping group went through are kept up to this many (the first ones and the last). */
const MAX_STATE_PATH = 10;

function stateMessage(groupId: string, path: string[]): string {
  const shown = path.length <= MAX_STATE_PATH ? path : [...path.slice(0, MAX_STATE_PATH - 2), '…', path.at(-1)!];
  return `group ${groupId}: ${shown.join(' → ')}`;
}

function groupCreated(group: GroupState, push: Push): void {
  // A classic group is made by its first JoinGroup: it appears with its members already.
  const members =
    group.members.length > 0
      ? `, ${plural(group.members.length, 'member')}: ${group.members.map(memberText).join(', ')}`
      : '';
  push('group-created', { group: group.groupId }, `group ${group.groupId} appeared (${group.state}${members})`, {
    state: group.state,
    members: group.members.map(({ memberId, clientId, host }) => ({ memberId, clientId, host })),
  });
}

function membershipEvents(before: GroupState, now: GroupState, push: Push): void {
  const was = new Map(before.members.map((m) => [m.memberId, m]));
  const is = new Map(now.members.map((m) => [m.memberId, m]));
  const joined = now.members.filter((m) => !was.has(m.memberId));
  const left = before.members.filter((m) => !is.has(m.memberId));
  const subject = { group: now.groupId };
  const assignmentChanged = !sameAssignment(assignmentOf(before), assignmentOf(now));
  if (joined.length > 0 || left.length > 0) {
    const who = (members: MemberRef[]) => members.map(({ memberId, clientId, host }) => ({ memberId, clientId, host }));
    push('group-rebalance', subject, rebalanceMessage(now.groupId, joined, left), {
      joined: who(joined),
      left: who(left),
      members: now.members.length,
    });
  } else if (assignmentChanged) {
    push(
      'group-assignment',
      subject,
      `group ${now.groupId}: assignment changed (${plural(now.members.length, 'member')})`,
      {
        members: now.members.length,
      },
    );
  }
}

interface LogStarts {
  logStart: Map<string, number>;
  logStartBefore: Map<string, number>;
}

function offsetEvents(before: GroupState, now: GroupState, { logStart, logStartBefore }: LogStarts, push: Push): void {
  const was = new Map(before.offsets.map((o) => [partitionKey(o.topic, o.partition), o.offset]));
  const rewound = new Map<string, { partition: number; from: number; to: number }[]>();
  const overtaken = new Map<string, { partition: number; committed: number; logStart: number }[]>();
  for (const committed of now.offsets) {
    const key = partitionKey(committed.topic, committed.partition);
    const previous = was.get(key);
    if (previous === undefined || previous < 0 || committed.offset < 0) continue;
    if (committed.offset < previous) {
      const entries = rewound.get(committed.topic) ?? [];
      entries.push({ partition: committed.partition, from: previous, to: committed.offset });
      rewound.set(committed.topic, entries);
    }
    const start = logStart.get(key);
    const startBefore = logStartBefore.get(key);
    // Newly below the log start: retention (or a delete-records) removed messages it had not read.
    if (start !== undefined && startBefore !== undefined && committed.offset < start && previous >= startBefore) {
      const entries = overtaken.get(committed.topic) ?? [];
      entries.push({ partition: committed.partition, committed: committed.offset, logStart: start });
      overtaken.set(committed.topic, entries);
    }
  }
  for (const [topic, entries] of rewound) {
    const ids = entries.map((e) => e.partition);
    const messages = entries.reduce((sum, e) => sum + (e.from - e.to), 0);
    push(
      'offset-rewind',
      { group: now.groupId, ...subjectOf(topic, ids) },
      `group ${now.groupId}: committed offset of ${partitionsText(topic, ids)} moved back by ${plural(messages, 'message')}`,
      { partitions: entries, messages },
    );
  }
  for (const [topic, entries] of overtaken) {
    const ids = entries.map((e) => e.partition);
    const lost = entries.reduce((sum, e) => sum + (e.logStart - e.committed), 0);
    push(
      'offset-overtaken',
      { group: now.groupId, ...subjectOf(topic, ids) },
      `group ${now.groupId}: the log start of ${partitionsText(topic, ids)} passed its committed offset, ${plural(lost, 'message')} deleted unread`,
      { partitions: entries, messages: lost },
    );
  }
}

/** Alerts fired and resolved in a cycle, as events of their subject; `after` is the previous cycle. */
export function alertEvents(transitions: Transition[], after: number): ClusterEvent[] {
  return transitions.map(({ kind, alert }) => {
    const { group, topic, partition, broker } = alert.subject;
    const at = (kind === 'fired' ? alert.firedAt : alert.resolvedAt) ?? alert.lastSeenAt;
    return {
      at,
      after: Math.min(after, at),
      kind: kind === 'fired' ? 'alert-fired' : 'alert-resolved',
      subject: {
        ...(group !== undefined ? { group } : {}),
        ...(topic !== undefined ? { topic } : {}),
        ...(partition !== undefined ? { partition } : {}),
        ...(broker !== undefined ? { broker } : {}),
      },
      message: `${kind === 'fired' ? `${alert.severity} alert fired` : 'alert resolved'}: ${alert.message}`,
      details: { rule: alert.rule, severity: alert.severity, key: alert.key, href: alert.href, since: alert.since },
    };
  });
}

/** Members named once each (by member id), the first `limit` of them. */
function uniqueMembers(members: MemberRef[], limit = 20): MemberRef[] {
  const seen = new Map<string, MemberRef>();
  for (const member of members) if (!seen.has(member.memberId)) seen.set(member.memberId, member);
  return [...seen.values()].slice(0, limit);
}

/**
 * One event for a change that happened again (a flap counted on one row): by default the
 * later one, but a group's states are kept as the path it went through, and a rebalance
 * names everyone who joined or left along the way.
 */
export function mergeRepeat(earlier: ClusterEvent, later: ClusterEvent): ClusterEvent {
  const group = later.subject.group ?? '';
  if (later.kind === 'group-state') {
    const path = (earlier.details.path as string[] | undefined) ?? [
      String(earlier.details.from),
      String(earlier.details.to),
    ];
    const next =
      path.at(-1) === later.details.from
        ? [String(later.details.to)]
        : [String(later.details.from), String(later.details.to)];
    const merged = [...path, ...next].slice(-200);
    return {
      ...later,
      message: stateMessage(group, merged),
      details: { ...later.details, from: merged[0], path: merged },
    };
  }
  if (later.kind === 'group-rebalance') {
    const members = (event: ClusterEvent, key: 'joined' | 'left') =>
      (event.details[key] as MemberRef[] | undefined) ?? [];
    const joined = uniqueMembers([...members(earlier, 'joined'), ...members(later, 'joined')]);
    const left = uniqueMembers([...members(earlier, 'left'), ...members(later, 'left')]);
    return { ...later, message: rebalanceMessage(group, joined, left), details: { ...later.details, joined, left } };
  }
  return later;
}
