/**
 * What the bench creates: `bench.<runid>.t<i>` topics adding up to --partitions, and
 * --groups groups `bench.<runid>.g<i>` spread round-robin over them.
 */
import crypto from 'node:crypto';
import type { BenchOptions } from './options';

export interface TopicPlan {
  name: string;
  partitions: number;
}

export interface GroupPlan {
  groupId: string;
  topics: TopicPlan[];
}

export interface BenchPlan {
  prefix: string;
  topics: TopicPlan[];
  groups: GroupPlan[];
}

/** What this run is known to have created, so cleanup does not rely only on a possibly lagging listing. */
export interface Created {
  topics: Set<string>;
  groups: Set<string>;
}

function newRunId(): string {
  return `${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`;
}

/** Full topics of --partitions-per-topic, the last one taking the remainder. */
function planTopics(prefix: string, total: number, perTopic: number): TopicPlan[] {
  const count = Math.ceil(total / perTopic);
  return Array.from({ length: count }, (_, i) => ({
    name: `${prefix}t${i}`,
    partitions: Math.min(perTopic, total - i * perTopic),
  }));
}

/** Round-robin: topic i goes to group i % groups; a group left without a topic shares one. */
function planGroups(prefix: string, count: number, topics: TopicPlan[]): GroupPlan[] {
  return Array.from({ length: count }, (_, g) => {
    const own = topics.filter((_, t) => t % count === g);
    return { groupId: `${prefix}g${g}`, topics: own.length > 0 ? own : [topics[g % topics.length]] };
  });
}

/** The most replicas a bench topic gets: as many as a production topic usually has. */
export const MAX_REPLICATION_FACTOR = 3;

/**
 * Replicas per bench topic: `requested` when given, else as many as there are live brokers,
 * up to 3, so that a one- or two-broker cluster can hold the topics. Throws when the
 * cluster has fewer live brokers than `requested` (Kafka would refuse the topics).
 */
export function replicationFactorFor(liveBrokers: number, requested: number | null): number {
  if (liveBrokers < 1) throw new Error('the cluster has no live broker');
  if (requested === null) return Math.min(MAX_REPLICATION_FACTOR, liveBrokers);
  if (requested > liveBrokers) {
    throw new Error(
      `--replication-factor=${requested} needs ${requested} live brokers, the cluster has ${liveBrokers}`,
    );
  }
  return requested;
}

export function makePlan(options: Pick<BenchOptions, 'partitions' | 'partitionsPerTopic' | 'groups'>): BenchPlan {
  const prefix = `bench.${newRunId()}.`;
  const topics = planTopics(prefix, options.partitions, options.partitionsPerTopic);
  return { prefix, topics, groups: planGroups(prefix, options.groups, topics) };
}
