/**
 * Sets up what the cycles read (topics with two messages per partition, groups with
 * committed offsets and no running consumers) and deletes it again.
 */
import { Admin as PlatformaticAdmin } from '@platformatic/kafka';
import { Partitioners, type Admin, type Kafka } from 'kafkajs';
import { describeError } from '../../lib/kafka/errors';
import { ADMIN_TIMEOUT_MS, createTopics, TOPICS_PER_CREATE_REQUEST, waitForLeaders } from './create-topics';
import { chunks, forEachLimited } from './for-each-limited';
import { replicationFactorFor, type BenchPlan, type Created, type GroupPlan, type TopicPlan } from './plan';

const MESSAGES_PER_PARTITION = 2;
/** Groups commit after the first message: one message of lag per partition. */
const COMMITTED_OFFSET = 1n;
/**
 * Topics per produce request. kafkajs fetches metadata for each topic new to the producer
 * under one lock; sends of single topics, ten at a time, queued behind it until the lock
 * timed out (2,000 partitions on a loaded machine). A batch adds its topics at once.
 */
const TOPICS_PER_PRODUCE = 50;
const PRODUCE_CONCURRENCY = 4;
/**
 * Groups committed at once. Each is one OffsetCommit without joining the group (generation
 * -1, as kafka-consumer-groups --reset-offsets does): kafkajs's setOffsets joined each group
 * and waited out an idle fetch, ~5 s a group, 35–55 groups a minute on a loaded machine.
 */
const GROUP_CONCURRENCY = 10;

const ATTEMPTS = 5;
const RETRY_PAUSE_MS = 5_000;

/**
 * Brokers busy with thousands of new partitions time requests out for a while (10,000 at RF 2
 * on a 2-core machine): a step is tried again instead of failing the run. A batch sent again
 * may write its messages twice; nothing measured depends on their number.
 */
async function withRetries(what: string, step: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await step();
      return;
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
      console.log(`\n  ${what} failed (${describeError(error)}), trying again in ${RETRY_PAUSE_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
  }
}

function messagesFor(topic: TopicPlan): { partition: number; value: string }[] {
  return Array.from({ length: topic.partitions * MESSAGES_PER_PARTITION }, (_, i) => ({
    partition: i % topic.partitions,
    value: `bench message ${i}`,
  }));
}

async function produceMessages(kafka: Kafka, topics: TopicPlan[]): Promise<void> {
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    await forEachLimited(chunks(topics, TOPICS_PER_PRODUCE), PRODUCE_CONCURRENCY, async (batch) => {
      const topicMessages = batch.map((topic) => ({ topic: topic.name, messages: messagesFor(topic) }));
      await withRetries(`producing to ${batch[0].name} and ${batch.length - 1} more`, () =>
        producer.sendBatch({ acks: -1, topicMessages }),
      );
    });
  } finally {
    await producer.disconnect();
  }
}

/** Commits every partition of each group's topics, a group in one request. */
async function commitGroupOffsets(brokers: string[], groups: GroupPlan[], created: Created): Promise<void> {
  const admin = new PlatformaticAdmin({ clientId: 'watermark-bench-setup', bootstrapBrokers: brokers });
  try {
    await forEachLimited(groups, GROUP_CONCURRENCY, async (group) => {
      const topics = group.topics.map((topic) => ({
        name: topic.name,
        partitionOffsets: Array.from({ length: topic.partitions }, (_, partition) => ({
          partition,
          offset: COMMITTED_OFFSET,
        })),
      }));
      await withRetries(`committing ${group.groupId}`, () =>
        admin.alterConsumerGroupOffsets({ groupId: group.groupId, topics }),
      );
      created.groups.add(group.groupId);
    });
  } finally {
    await admin.close();
  }
}

/** Prints `label ... <ms> ms`; a step that reports progress (`note`) gets its lines below, then the label again. */
async function timedStep(label: string, step: (note: (line: string) => void) => Promise<void>): Promise<void> {
  const startedAt = performance.now();
  let noted = false;
  process.stdout.write(`${label} ... `);
  await step((line) => {
    process.stdout.write(`\n${line}`);
    noted = true;
  });
  const ms = `${Math.round(performance.now() - startedAt)} ms`;
  console.log(noted ? `\n${label}: ${ms}` : ms);
}

/**
 * Creates the plan's topics (`requestedReplicationFactor`, else as many replicas as live
 * brokers up to 3), waits for their leaders, writes the messages and commits the groups.
 * What it created is in `created` as it goes, so a failure halfway leaves it to cleanUp.
 */
export async function setUp(
  kafka: Kafka,
  admin: Admin,
  plan: BenchPlan,
  created: Created,
  requestedReplicationFactor: number | null,
): Promise<void> {
  const partitions = plan.topics.reduce((sum, t) => sum + t.partitions, 0);
  const { brokers } = await admin.describeCluster();
  const replicationFactor = replicationFactorFor(brokers.length, requestedReplicationFactor);
  const bootstrapBrokers = brokers.map((b) => `${b.host}:${b.port}`);
  console.log(`Setting up ${plan.prefix}* (${brokers.length} live brokers):`);
  await timedStep(`  creating ${plan.topics.length} topics (${partitions} partitions, RF ${replicationFactor})`, () =>
    createTopics(admin, plan.topics, replicationFactor, created),
  );
  await timedStep('  waiting for their leaders', (note) => waitForLeaders(admin, plan.topics, note));
  await timedStep(`  producing ${partitions * MESSAGES_PER_PARTITION} messages`, () =>
    produceMessages(kafka, plan.topics),
  );
  await timedStep(`  committing offsets for ${plan.groups.length} groups`, () =>
    commitGroupOffsets(bootstrapBrokers, plan.groups, created),
  );
}

/** The names known to be created plus those listed under the prefix (e.g. from a half-done step). */
function withListed(known: Set<string>, listed: string[], prefix: string): string[] {
  return [...new Set([...known, ...listed.filter((name) => name.startsWith(prefix))])];
}

async function deleteBenchGroups(admin: Admin, prefix: string, created: Created): Promise<number> {
  const { groups } = await admin.listGroups();
  const ids = withListed(
    created.groups,
    groups.map((g) => g.groupId),
    prefix,
  );
  if (ids.length > 0) await admin.deleteGroups(ids);
  return ids.length;
}

async function deleteBenchTopics(admin: Admin, prefix: string, created: Created): Promise<number> {
  const names = withListed(created.topics, await admin.listTopics(), prefix);
  for (const batch of chunks(names, TOPICS_PER_CREATE_REQUEST)) {
    await admin.deleteTopics({ topics: batch, timeout: ADMIN_TIMEOUT_MS });
  }
  return names.length;
}

async function attempt(what: string, prefix: string, step: () => Promise<number>): Promise<number | null> {
  try {
    return await step();
  } catch (error) {
    console.error(`bench: deleting the ${what} failed, delete ${prefix}* ${what} by hand: ${describeError(error)}`);
    return null;
  }
}

/**
 * Deletes what exists under the run's prefix (also after a half-done setup or a Ctrl-C);
 * the topics are tried even when the groups fail. Returns false when either failed.
 */
export async function cleanUp(admin: Admin, prefix: string, created: Created): Promise<boolean> {
  const groups = await attempt('groups', prefix, () => deleteBenchGroups(admin, prefix, created));
  const topics = await attempt('topics', prefix, () => deleteBenchTopics(admin, prefix, created));
  if (groups === null || topics === null) return false;
  console.log(`Deleted ${topics} topics and ${groups} groups (${prefix}*).`);
  return true;
}
