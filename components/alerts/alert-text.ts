/**
 * Alerts and silences in words: a rule's value in its unit, the subject, where the
 * link goes, what a silence matches. Pure, so the pages stay declarative.
 */
import type { AlertView, SilenceMatch, SilenceView } from '@/lib/api/alert-schemas';
import { formatDuration } from '@/lib/format/format-duration';
import { STATUS_SHORT } from '@/components/ui/lag-status-meaning';
import { formatApart, formatCount, formatPercent } from '@/lib/format/format-number';

type Unit = 'seconds' | 'fraction' | 'ratio' | 'count';

/** "1 partition", "3 partitions". */
const counted = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/**
 * What each rule's `value` measures and in which unit; the threshold shares it. A count
 * whose threshold is 0 (any at all is wrong) says what it counts instead: "3 offline
 * partitions", not "offline partitions 3, threshold 0".
 */
const MEASURES: Record<string, { label: string; unit: Unit; any?: (n: number) => string }> = {
  'group-time-lag': { label: 'time lag', unit: 'seconds' },
  'retention-soon': { label: 'loss in', unit: 'seconds' },
  'consumer-down': { label: 'lag', unit: 'count', any: (n) => `${counted(n, 'message')} waiting` },
  'retention-lost': { label: 'lost', unit: 'count', any: (n) => `${counted(n, 'message')} lost` },
  'group-committed-ahead': {
    label: 'partitions ahead of the end',
    unit: 'count',
    any: (n) => `${counted(n, 'partition')} committed past the end`,
  },
  'offline-partitions': { label: 'offline partitions', unit: 'count', any: (n) => counted(n, 'offline partition') },
  'under-replicated-partitions': {
    label: 'under-replicated partitions',
    unit: 'count',
    any: (n) => counted(n, 'under-replicated partition'),
  },
  'partition-skew': { label: 'skew', unit: 'ratio' },
  'assignment-idle-members': { label: 'idle members', unit: 'count', any: (n) => counted(n, 'idle member') },
  'log-dir-usage': { label: 'disk used', unit: 'fraction' },
  'cluster-unreachable': { label: 'data age', unit: 'seconds' },
};

/** Hygiene findings by the last part of their key: what was found, counted. */
const HYGIENE: Record<string, (value: number, threshold: number) => string> = {
  brokers: (n, needed) => `${counted(n, 'broker')}, fewer than the ${needed} that survive a broker failure`,
  'replication-factor-below-2': (n) => `${counted(n, 'topic')} with a single replica`,
  'min-insync-unsatisfiable': (n) => `${counted(n, 'topic')} whose min.insync.replicas cannot be met`,
};

/** Rules whose value is a flag (1 = the thing is wrong), not a measure worth showing. */
const FLAG_RULES = new Set(['broker-unreachable', 'controller-missing']);

function inUnit(value: number, unit: Unit): string {
  if (unit === 'seconds') return formatDuration(value);
  if (unit === 'fraction') return formatPercent(value);
  if (unit === 'ratio') return `${value.toFixed(2)}×`;
  return formatCount(value);
}

/** Ratios and percentages just past their threshold get the digits that tell them apart. */
function inUnitApart(value: number, threshold: number, unit: Unit): [string, string] {
  if (unit === 'ratio') return formatApart(value, threshold, 2).map((n) => `${n}×`) as [string, string];
  if (unit === 'fraction') {
    return formatApart(value * 100, threshold * 100, 0).map((n) => `${n}%`) as [string, string];
  }
  return [inUnit(value, unit), inUnit(threshold, unit)];
}

/**
 * "time lag 12m 5s, threshold 5m"; "3 offline partitions" where any is too many; group-status
 * as its word and what it means (its value 2 is ERR, 1 WARN); a hygiene finding by what it
 * found (its key says which); null for flag rules. An unknown rule shows plain numbers.
 */
export function alertValueText(
  alert: Pick<AlertView, 'rule' | 'value' | 'threshold'> & { key?: string },
): string | null {
  if (FLAG_RULES.has(alert.rule)) return null;
  if (alert.rule === 'group-status') {
    const status = alert.value >= 2 ? 'ERR' : 'WARN';
    return `status ${status}: ${STATUS_SHORT[status]}`;
  }
  if (alert.rule === 'hygiene') {
    const finding = HYGIENE[alert.key?.split(':').at(-1) ?? ''];
    return finding ? finding(alert.value, alert.threshold) : `${formatCount(alert.value)} found`;
  }
  const { label, unit, any } = MEASURES[alert.rule] ?? { label: 'value', unit: 'count' };
  if (any && alert.threshold === 0) return any(alert.value);
  const [value, threshold] = inUnitApart(alert.value, alert.threshold, unit);
  return `${label} ${value}, threshold ${threshold}`;
}

/** "group orders-svc", "topic a partition 3", "broker 2"; the cluster itself when nothing narrower. */
export function alertSubjectText(subject: AlertView['subject'], withCluster = false): string {
  const parts: string[] = [];
  if (subject.group !== undefined) parts.push(`group ${subject.group}`);
  if (subject.topic !== undefined) parts.push(`topic ${subject.topic}`);
  if (subject.partition !== undefined) parts.push(`partition ${subject.partition}`);
  if (subject.broker !== undefined) parts.push(`broker ${subject.broker}`);
  if (withCluster || parts.length === 0) parts.unshift(`cluster ${subject.cluster}`);
  return parts.join(', ');
}

const SECTION_PAGES: Record<string, [item: string, list: string]> = {
  groups: ['group page', 'consumer groups page'],
  topics: ['topic page', 'topics page'],
  brokers: ['broker page', 'brokers page'],
  alerts: ['alert page', 'alerts page'],
};

/** The link text for an alert's `href`: "/clusters/c/groups/g" → "Open group page". */
export function alertLinkText(href: string): string {
  const [root, cluster, section, item] = href.split(/[?#]/)[0].split('/').filter(Boolean);
  if (root !== 'clusters' || cluster === undefined) return 'Open page';
  if (section === undefined) return 'Open cluster overview';
  const pages = SECTION_PAGES[section];
  if (!pages) return 'Open page';
  return `Open ${item === undefined ? pages[1] : pages[0]}`;
}

/**
 * A silence for this alert's rule and subject. A group's alert is one per group (its
 * topic is only the worst one now), so it is matched by group; a partition is not
 * matchable, so a partition's alert is silenced for its topic.
 */
export function silenceMatchFor(alert: Pick<AlertView, 'rule' | 'subject'>): SilenceMatch {
  const { group, topic, broker } = alert.subject;
  return {
    rule: alert.rule,
    ...(group !== undefined && { group }),
    ...(group === undefined && topic !== undefined && { topic }),
    ...(broker !== undefined && { broker: String(broker) }),
  };
}

const MATCH_FIELDS = ['rule', 'group', 'topic', 'broker'] as const;

/** A silence's match as name/pattern pairs, in a fixed order. */
export function silenceMatchParts(match: SilenceView['match']): { field: string; pattern: string }[] {
  return MATCH_FIELDS.flatMap((field) => (match[field] === undefined ? [] : [{ field, pattern: match[field] }]));
}

/** "rule consumer-down, group orders-svc". */
export function silenceMatchText(match: SilenceView['match']): string {
  return silenceMatchParts(match)
    .map((p) => `${p.field} ${p.pattern}`)
    .join(', ');
}

/** The durations the "Silence…" form offers. */
export const SILENCE_DURATIONS = [
  { minutes: 60, label: '1 h' },
  { minutes: 4 * 60, label: '4 h' },
  { minutes: 24 * 60, label: '24 h' },
  { minutes: 7 * 24 * 60, label: '7 d' },
] as const;
