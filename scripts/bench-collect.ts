/**
 * npm run bench:collect -- [--partitions=1000] [--partitions-per-topic=10] [--groups=100]
 *                          [--cycles=5] [--brokers=host:port,...] [--keep]
 *
 * Measures one collection cycle of Watermark's collector (lib/collector/collect-cycle.ts:
 * metadata, then broker probes, controller, partition offsets, topic configs, log dirs and
 * consumer groups in parallel) against a real cluster: its wall-clock duration and the
 * number of Kafka requests it sends, as reported in the snapshot (durationMs, requestCount).
 *
 * To give the cycle something to read it first creates `bench.<runid>.t<i>` topics (RF 3)
 * adding up to --partitions, writes two small messages to every partition, and gives
 * --groups consumer groups `bench.<runid>.g<i>` committed offsets (no running consumers),
 * spread round-robin over the bench topics. Then one warm-up cycle (connections opened)
 * and --cycles measured cycles. Everything it created is deleted at the end unless --keep.
 *
 * The cycle reads the whole cluster, so topics and groups that others created are part of
 * what is measured: the totals the snapshot saw are printed next to the bench's own share.
 * Writes to the cluster it is pointed at: meant for a test cluster (default: the local one).
 */
import crypto from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Admin, type ITopicConfig } from 'kafkajs';
import { collectCycle } from '../lib/collector/collect-cycle';
import type { ClusterSnapshot } from '../lib/collector/snapshot';
import { createKafkaClient, type KafkaClient } from '../lib/kafka/kafka-client';
import { LOCAL_BROKERS } from './kafka/layout';

interface BenchOptions {
  partitions: number;
  partitionsPerTopic: number;
  groups: number;
  cycles: number;
  brokers: string[];
  keep: boolean;
}

class UsageError extends Error {}

type NumberOption = 'partitions' | 'partitionsPerTopic' | 'groups' | 'cycles';

const NUMBER_FLAGS: Record<string, { key: NumberOption; min: number }> = {
  partitions: { key: 'partitions', min: 1 },
  'partitions-per-topic': { key: 'partitionsPerTopic', min: 1 },
  groups: { key: 'groups', min: 0 },
  cycles: { key: 'cycles', min: 1 },
};

const USAGE = `Usage: npm run bench:collect -- [--partitions=1000] [--partitions-per-topic=10] [--groups=100]
                              [--cycles=5] [--brokers=host:port,...] [--keep]
--brokers defaults to KAFKA_BROKERS, else the local cluster (${LOCAL_BROKERS.join(',')}).
--keep leaves the bench topics and groups on the cluster.`;

const REPLICATION_FACTOR = 3;
const MESSAGES_PER_PARTITION = 2;
/** Groups commit after the first message: one message of lag per partition. */
const COMMITTED_OFFSET = '1';
const TOPICS_PER_CREATE_REQUEST = 25;
const SETUP_CONCURRENCY = 10;
/** Each setOffsets takes ~5 s (kafkajs waits out one idle fetch), so many groups run at once. */
const GROUP_CONCURRENCY = 25;
const ADMIN_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------- options

function parseBrokers(raw: string, source: string): string[] {
  const brokers = raw
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const bad = brokers.find((b) => !/^[^\s:,]+:\d{1,5}$/.test(b));
  if (bad !== undefined || brokers.length === 0) throw new UsageError(`${source}: "${bad ?? raw}" is not host:port.`);
  return brokers;
}

function parseCount(flag: string, raw: string, min: number): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min) {
    throw new UsageError(`--${flag} needs a whole number >= ${min}, got "${raw}".`);
  }
  return value;
}

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const options: BenchOptions = {
    partitions: 1000,
    partitionsPerTopic: 10,
    groups: 100,
    cycles: 5,
    brokers: env.KAFKA_BROKERS?.trim() ? parseBrokers(env.KAFKA_BROKERS, 'KAFKA_BROKERS') : LOCAL_BROKERS,
    keep: false,
  };
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const [flag, value] = match ? [match[1], match[2]] : ['', undefined];
    const numeric = Object.hasOwn(NUMBER_FLAGS, flag) ? NUMBER_FLAGS[flag] : undefined;
    if (arg === '--keep') options.keep = true;
    else if (numeric && value !== undefined) options[numeric.key] = parseCount(flag, value, numeric.min);
    else if (flag === 'brokers' && value !== undefined) options.brokers = parseBrokers(value, '--brokers');
    else if (arg === '--help') throw new UsageError(USAGE);
    else throw new UsageError(`Unknown argument ${arg}.\n${USAGE}`);
  }
  return options;
}

// ---------------------------------------------------------------- plan

interface TopicPlan {
  name: string;
  partitions: number;
}

interface GroupPlan {
  groupId: string;
  topics: TopicPlan[];
}

interface BenchPlan {
  prefix: string;
  topics: TopicPlan[];
  groups: GroupPlan[];
}

/** What this run is known to have created, so cleanup does not rely only on a possibly lagging listing. */
interface Created {
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

function makePlan(options: BenchOptions): BenchPlan {
  const prefix = `bench.${newRunId()}.`;
  const topics = planTopics(prefix, options.partitions, options.partitionsPerTopic);
  return { prefix, topics, groups: planGroups(prefix, options.groups, topics) };
}

// ---------------------------------------------------------------- interruption

let interrupted = false;

function onInterrupt(): void {
  if (interrupted) process.exit(130);
  interrupted = true;
  console.error('\nInterrupted: stopping after the current step and cleaning up (Ctrl-C again to quit now).');
}

function checkInterrupted(): void {
  if (interrupted) throw new Error('interrupted');
}

// ---------------------------------------------------------------- setup

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** Runs `work` over `items`, at most `limit` at a time; stops taking new items once interrupted. */
async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      checkInterrupted();
      await work(items[next++]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

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

async function createTopics(admin: Admin, topics: TopicPlan[], created: Created): Promise<void> {
  for (const batch of chunks(topics, TOPICS_PER_CREATE_REQUEST)) {
    checkInterrupted();
    await createTopicBatch(admin, batch);
    for (const topic of batch) created.topics.add(topic.name);
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
    await forEachLimited(topics, SETUP_CONCURRENCY, async (topic) => {
      await producer.send({ topic: topic.name, acks: -1, messages: messagesFor(topic) });
    });
  } finally {
    await producer.disconnect();
  }
}

/** setOffsets joins the group briefly to commit, so a group's topics go one after another. */
async function commitGroupOffsets(admin: Admin, groups: GroupPlan[], created: Created): Promise<void> {
  await forEachLimited(groups, GROUP_CONCURRENCY, async (group) => {
    for (const topic of group.topics) {
      const partitions = Array.from({ length: topic.partitions }, (_, partition) => ({
        partition,
        offset: COMMITTED_OFFSET,
      }));
      await admin.setOffsets({ groupId: group.groupId, topic: topic.name, partitions });
      created.groups.add(group.groupId);
    }
  });
}

async function timedStep(label: string, step: () => Promise<void>): Promise<void> {
  const startedAt = performance.now();
  process.stdout.write(`${label} ... `);
  await step();
  console.log(`${Math.round(performance.now() - startedAt)} ms`);
}

async function setUp(kafka: Kafka, admin: Admin, plan: BenchPlan, created: Created): Promise<void> {
  const partitions = plan.topics.reduce((sum, t) => sum + t.partitions, 0);
  console.log(`Setting up ${plan.prefix}*:`);
  await timedStep(`  creating ${plan.topics.length} topics (${partitions} partitions, RF ${REPLICATION_FACTOR})`, () =>
    createTopics(admin, plan.topics, created),
  );
  await timedStep(`  producing ${partitions * MESSAGES_PER_PARTITION} messages`, () =>
    produceMessages(kafka, plan.topics),
  );
  await timedStep(`  committing offsets for ${plan.groups.length} groups`, () =>
    commitGroupOffsets(admin, plan.groups, created),
  );
}

// ---------------------------------------------------------------- cleanup

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

/** Deletes what exists under the run's prefix (also after a half-done setup). Returns false on failure. */
async function cleanUp(admin: Admin, prefix: string, created: Created): Promise<boolean> {
  try {
    const groups = await deleteBenchGroups(admin, prefix, created);
    const topics = await deleteBenchTopics(admin, prefix, created);
    console.log(`Deleted ${topics} topics and ${groups} groups (${prefix}*).`);
    return true;
  } catch (error) {
    console.error(`bench:collect: cleanup failed, delete ${prefix}* topics and groups by hand: ${describe(error)}`);
    return false;
  }
}

// ---------------------------------------------------------------- cycles

interface Totals {
  brokers: number;
  reachable: number;
  topics: number;
  internalTopics: number;
  partitions: number;
  groups: number;
}

function clusterTotals(snapshot: ClusterSnapshot): Totals {
  return {
    brokers: snapshot.brokers.length,
    reachable: snapshot.brokers.filter((b) => b.reachable).length,
    topics: snapshot.topics.length,
    internalTopics: snapshot.topics.filter((t) => t.internal).length,
    partitions: snapshot.topics.reduce((sum, t) => sum + t.partitions.length, 0),
    groups: snapshot.groups.length,
  };
}

function benchShare(snapshot: ClusterSnapshot, prefix: string): string {
  const topics = snapshot.topics.filter((t) => t.name.startsWith(prefix));
  const partitions = topics.reduce((sum, t) => sum + t.partitions.length, 0);
  const groups = snapshot.groups.filter((g) => g.groupId.startsWith(prefix));
  const committed = groups.filter((g) => g.offsets.length > 0).length;
  return `${topics.length} topics, ${partitions} partitions, ${groups.length} groups (${committed} with committed offsets)`;
}

function describeCycle(label: string, snapshot: ClusterSnapshot): string {
  const failures = snapshot.failures.length > 0 ? `, ${snapshot.failures.length} partial failures` : '';
  return `  ${label.padEnd(8)} ${String(snapshot.durationMs).padStart(6)} ms  ${String(snapshot.requestCount).padStart(4)} requests${failures}`;
}

function printFailures(snapshot: ClusterSnapshot): void {
  for (const f of snapshot.failures.slice(0, 5)) {
    console.log(`             ${f.operation} (broker ${f.broker ?? '?'}): ${f.message}`);
  }
  if (snapshot.failures.length > 5) console.log(`             ... and ${snapshot.failures.length - 5} more`);
}

async function runCycles(client: KafkaClient, cycles: number): Promise<ClusterSnapshot[]> {
  console.log(`\nCollection cycles:`);
  let previous = await collectCycle(client, null);
  console.log(describeCycle('warm-up', previous));
  printFailures(previous);
  const measured: ClusterSnapshot[] = [];
  for (let i = 1; i <= cycles; i++) {
    checkInterrupted();
    previous = await collectCycle(client, previous);
    measured.push(previous);
    console.log(describeCycle(`cycle ${i}`, previous));
    printFailures(previous);
  }
  return measured;
}

// ---------------------------------------------------------------- report

interface Stats {
  min: number;
  median: number;
  max: number;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1] };
}

function formatStats(s: Stats, unit: string): string {
  return `min ${s.min}${unit}, median ${s.median}${unit}, max ${s.max}${unit}`;
}

function requestsPhrase(s: Stats): string {
  return s.min === s.max ? `${s.median}` : `${s.median} (min ${s.min}, max ${s.max})`;
}

function report(measured: ClusterSnapshot[], prefix: string): void {
  const last = measured[measured.length - 1];
  const t = clusterTotals(last);
  const duration = stats(measured.map((s) => s.durationMs));
  const requests = stats(measured.map((s) => s.requestCount));
  console.log(`\nCluster as seen by the last cycle:`);
  console.log(`  brokers     ${t.brokers} (${t.reachable} reachable)`);
  console.log(`  topics      ${t.topics} (${t.internalTopics} internal)`);
  console.log(`  partitions  ${t.partitions}`);
  console.log(`  groups      ${t.groups}`);
  console.log(`  of which bench: ${benchShare(last, prefix)}`);
  console.log(`\nOver ${measured.length} measured cycles:`);
  console.log(`  duration  ${formatStats(duration, ' ms')}`);
  console.log(`  requests  ${formatStats(requests, '')}`);
  console.log(
    `\n${t.partitions} partitions, ${t.groups} groups: cycle median ${duration.median} ms ` +
      `(min ${duration.min}, max ${duration.max}), ${requestsPhrase(requests)} Kafka requests per cycle`,
  );
}

// ---------------------------------------------------------------- main

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

async function benchmark(
  options: BenchOptions,
  kafka: Kafka,
  admin: Admin,
  plan: BenchPlan,
  created: Created,
): Promise<void> {
  await setUp(kafka, admin, plan, created);
  const client = createKafkaClient({ brokers: options.brokers, requestTimeoutMs: REQUEST_TIMEOUT_MS });
  try {
    report(await runCycles(client, options.cycles), plan.prefix);
  } finally {
    await client.close();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const plan = makePlan(options);
  console.log(`Brokers: ${options.brokers.join(',')}`);
  const kafka = new Kafka({ clientId: 'watermark-bench', brokers: options.brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  process.on('SIGINT', onInterrupt);
  const created: Created = { topics: new Set(), groups: new Set() };
  let cleaned = true;
  try {
    await benchmark(options, kafka, admin, plan, created);
  } finally {
    if (options.keep) console.log(`\nKept ${plan.prefix}* topics and groups (--keep).`);
    else cleaned = await cleanUp(admin, plan.prefix, created);
    await admin.disconnect();
  }
  if (!cleaned) process.exitCode = 1;
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(error.message);
  else if (interrupted) console.error('bench:collect: interrupted.');
  else console.error(`bench:collect: failed: ${describe(error)}`);
  process.exit(interrupted ? 130 : 1);
});
