/**
 * Creates the bench topics in batches, then waits until every partition has a leader, as
 * long as that takes on a loaded cluster (with progress, within a generous limit).
 */
import type { Admin, ITopicConfig } from 'kafkajs';
import { chunks } from './for-each-limited';
import { checkInterrupted } from './interrupt';
import type { Created, TopicPlan } from './plan';

export const TOPICS_PER_CREATE_REQUEST = 25;
export const ADMIN_TIMEOUT_MS = 30_000;
/** Leaders for 10,000 partitions took minutes on a busy 2-core machine: far past any request timeout. */
export const LEADER_WAIT_LIMIT_MS = 15 * 60_000;
const LEADER_POLL_MS = 2_000;
const PROGRESS_EVERY_MS = 10_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Partitions of `plan` that have a leader in the cluster's metadata (all topics, one request). */
async function partitionsWithLeaders(admin: Admin, plan: TopicPlan[]): Promise<number> {
  const wanted = new Set(plan.map((t) => t.name));
  const { topics } = await admin.fetchTopicMetadata();
  return topics
    .filter((t) => wanted.has(t.name))
    .reduce((sum, t) => sum + t.partitions.filter((p) => p.leader >= 0).length, 0);
}

/** Polls the metadata until every partition of `plan` has a leader; says how far it got now and then. */
export async function waitForLeaders(admin: Admin, plan: TopicPlan[], log: (line: string) => void): Promise<void> {
  const total = plan.reduce((sum, t) => sum + t.partitions, 0);
  const startedAt = Date.now();
  let reportedAt = startedAt;
  for (;;) {
    const led = await partitionsWithLeaders(admin, plan);
    if (led >= total) return;
    const elapsedMs = Date.now() - startedAt;
    if (elapsedMs > LEADER_WAIT_LIMIT_MS) {
      throw new Error(`${total - led} of ${total} partitions still have no leader after ${elapsedMs / 60_000} min`);
    }
    if (Date.now() - reportedAt >= PROGRESS_EVERY_MS) {
      log(`    leaders for ${led} of ${total} partitions after ${Math.round(elapsedMs / 1000)} s`);
      reportedAt = Date.now();
    }
    checkInterrupted();
    await sleep(LEADER_POLL_MS);
  }
}

/**
 * Sends the CreateTopics requests without kafkajs's leader wait, which gives up after its
 * timeout (and under KRaft asks a broker whose metadata may lag); waitForLeaders follows.
 */
export async function createTopics(
  admin: Admin,
  topics: TopicPlan[],
  replicationFactor: number,
  created: Created,
): Promise<void> {
  const config = (topic: TopicPlan): ITopicConfig => ({
    topic: topic.name,
    numPartitions: topic.partitions,
    replicationFactor,
  });
  for (const batch of chunks(topics, TOPICS_PER_CREATE_REQUEST)) {
    checkInterrupted();
    await admin.createTopics({ topics: batch.map(config), waitForLeaders: false, timeout: ADMIN_TIMEOUT_MS });
    for (const topic of batch) created.topics.add(topic.name);
  }
}
