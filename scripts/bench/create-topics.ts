/**
 * Creates the bench topics in batches and waits until every partition has a leader.
 */
import type { Admin, ITopicConfig } from 'kafkajs';
import { chunks } from './for-each-limited';
import { checkInterrupted } from './interrupt';
import type { Created, TopicPlan } from './plan';

export const REPLICATION_FACTOR = 3;
export const TOPICS_PER_CREATE_REQUEST = 25;
export const ADMIN_TIMEOUT_MS = 30_000;

function topicConfig(topic: TopicPlan): ITopicConfig {
  return { topic: topic.name, numPartitions: topic.partitions, replicationFactor: REPLICATION_FACTOR };
}

function kafkaErrorType(error: unknown): string | undefined {
  const type = typeof error === 'object' && error !== null && 'type' in error ? error.type : undefined;
  return typeof type === 'string' ? type : undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function haveLeaders(admin: Admin, batch: TopicPlan[]): Promise<boolean> {
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: batch.map((t) => t.name) });
    return batch.every((plan) => {
      const partitions = topics.find((t) => t.name === plan.name)?.partitions ?? [];
      return partitions.length === plan.partitions && partitions.every((p) => p.leader >= 0);
    });
  } catch (error) {
    if (kafkaErrorType(error) === 'UNKNOWN_TOPIC_OR_PARTITION') return false;
    throw error;
  }
}

async function waitForLeaders(admin: Admin, batch: TopicPlan[]): Promise<void> {
  const deadline = Date.now() + ADMIN_TIMEOUT_MS;
  while (!(await haveLeaders(admin, batch))) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for leaders of ${batch.map((t) => t.name).join(', ')}`);
    checkInterrupted();
    await sleep(200);
  }
}

/**
 * Under KRaft, kafkajs checks for leaders on the broker that forwarded the CreateTopics,
 * whose metadata can lag behind: it then gives up with UNKNOWN_TOPIC_OR_PARTITION
 * although the topics were created. Waits for the leaders itself in that case.
 */
async function createTopicBatch(admin: Admin, batch: TopicPlan[]): Promise<void> {
  try {
    await admin.createTopics({ topics: batch.map(topicConfig), waitForLeaders: true, timeout: ADMIN_TIMEOUT_MS });
  } catch (error) {
    if (kafkaErrorType(error) !== 'UNKNOWN_TOPIC_OR_PARTITION') throw error;
    await waitForLeaders(admin, batch);
  }
}

export async function createTopics(admin: Admin, topics: TopicPlan[], created: Created): Promise<void> {
  for (const batch of chunks(topics, TOPICS_PER_CREATE_REQUEST)) {
    checkInterrupted();
    await createTopicBatch(admin, batch);
    for (const topic of batch) created.topics.add(topic.name);
  }
}
