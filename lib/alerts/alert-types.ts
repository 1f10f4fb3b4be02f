/**
 * Alerts: what a rule finds wrong (a condition) and what the lifecycle keeps of it.
 */

export type Severity = 'critical' | 'warning' | 'info';

export const RULE_IDS = [
  'group-status',
  'group-time-lag',
  'retention-lost',
  'retention-soon',
  'consumer-down',
  'group-committed-ahead',
  'broker-unreachable',
  'cluster-unreachable',
  'offline-partitions',
  'under-replicated-partitions',
  'controller-missing',
  'partition-skew',
  'assignment-idle-members',
  'log-dir-usage',
  'hygiene',
  'history-write-failed',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
export interface AlertSubject {
  cluster: string;
  broker?: number;
  topic?: string;
  partition?: number;
  group?: string;
}

/** A rule's finding in one cycle. `key` is stable while the same thing is wrong. */
export interface Condition {
  key: string;
  rule: RuleId;
  severity: Severity;
  subject: AlertSubject;
  value: number;
  threshold: number;
  /** What is wrong and what to do, in one or two sentences. */
  message: string;
  /** The page that explains it. */
  href: string;
  /** How long it must hold before it fires (the tuning of its subject); the lifecycle's default otherwise. */
  forMs?: number;
}

export type AlertStatus = 'pending' | 'firing' | 'resolved';

export interface AlertState extends Condition {
  status: AlertStatus;
  /** When the condition was first seen (pending), fired and resolved; epoch ms. */
  since: number;
  firedAt: number | null;
  resolvedAt: number | null;
  /** Last time the condition was seen; a firing alert resolves only after it stays away. */
  lastSeenAt: number;
  /** Whether its firing was sent to the notifiers (not while silenced or inhibited), so its resolution is sent too. */
  notified?: boolean;
  /** The key of the active alert that explains this one (see alert-inhibition.ts); null or absent: none. */
  inhibitedBy?: string | null;
}

export type Transition = { kind: 'fired' | 'resolved'; alert: AlertState };
