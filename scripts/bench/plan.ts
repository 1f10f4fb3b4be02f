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

const BENCH_TOPIC = /^(bench\.[^.]+\.)t(\d+)$/;

/**
 * The plan of the bench topics and groups an earlier run left on the cluster (`--keep`),
 * from the cluster's topic names (with their partition counts) and group ids; for
 * `--existing`. Exactly one run's must be there: two runs' would be measured as one.
 */
export function existingPlan(topics: Map<string, number>, groupIds: string[]): BenchPlan {
  const runs = new Map<string, TopicPlan[]>();
  for (const [name, partitions] of topics) {
    const match = BENCH_TOPIC.exec(name);
    if (!match) continue;
    const run = runs.get(match[1]) ?? [];
    runs.set(match[1], [...run, { name, partitions }]);
  }
  if (runs.size !== 1) {
    throw new Error(
      runs.size === 0
        ? 'no bench topics on the cluster: leave some with `npm run bench:collect -- --keep` first'
        : `bench topics of ${runs.size} runs on the cluster (${[...runs.keys()].join(', ')}): delete all but one`,
    );
  }
  const [[prefix, planned]] = [...runs];
  const index = (name: string) => Number(name.slice(prefix.length + 1));
  return {
    prefix,
    topics: planned.sort((a, b) => index(a.name) - index(b.name)),
    groups: groupIds
      .filter((id) => id.startsWith(`${prefix}g`))
      .sort((a, b) => index(a) - index(b))
      .map((groupId) => ({ groupId, topics: [] })),
  };
}
