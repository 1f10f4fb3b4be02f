/** A few words for each kind of event, as the timeline labels it. */
import type { EventKind } from '@/lib/analysis/cluster-events';

export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  'group-created': 'group appeared',
  'group-gone': 'group gone',
  'group-state': 'group state',
  'group-rebalance': 'rebalance',
  'group-assignment': 'assignment',
  'offset-rewind': 'offsets rewound',
  'offset-overtaken': 'deleted unread',
  'topic-created': 'topic created',
  'topic-deleted': 'topic deleted',
  'partitions-added': 'partitions added',
  'topic-config': 'config change',
  'leader-changed': 'leader change',
  'isr-shrink': 'ISR shrank',
  'isr-expand': 'ISR expanded',
  'partition-offline': 'offline',
  'partition-online': 'back online',
  'broker-down': 'broker down',
  'broker-up': 'broker up',
  'controller-changed': 'controller moved',
  'log-dir-usage': 'disk usage',
  'alert-fired': 'alert fired',
  'alert-resolved': 'alert resolved',
};

/** Kinds that are trouble (shown in the warning colour); the rest are neutral or good news. */
export const TROUBLE_KINDS = new Set<EventKind>([
  'group-gone',
  'offset-rewind',
  'offset-overtaken',
  'topic-deleted',
  'isr-shrink',
  'partition-offline',
  'broker-down',
  'alert-fired',
]);
