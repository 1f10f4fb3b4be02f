/**
 * npm run bench:collect -- [--partitions=1000] [--partitions-per-topic=10] [--groups=100]
 *                          [--cycles=5] [--replication-factor=N] [--brokers=host:port,...] [--keep] [--existing]
 *
 * Measures the per-cycle work of Watermark's server against a real cluster, with the real
 * code: the collection (lib/collector/collect-cycle.ts: metadata, then broker probes,
 * controller, partition offsets, topic configs, log dirs and consumer groups in parallel),
 * the analysis with its record-timestamp reads (ClusterAnalyzer), and the history write
 * (ClusterHistory, to a fresh SQLite file in the OS temp directory, deleted at the end).
 * Reports each step's duration, Kafka requests, the history's rows and raw frame bytes per
 * cycle, the /api/metrics scrape's per-cycle part (render, gzip CPU, bytes) and the database
 * size after the cycles; a week's size and the bytes written per day
 * are bench:storage's to measure (the cycles here are too few to show compaction).
 *
 * To give the cycle something to read it first creates `bench.<runid>.t<i>` topics (as many
 * replicas as live brokers, up to 3, or --replication-factor) adding up to --partitions,
 * waits for their leaders, writes two small messages to every partition, and gives
 * --groups consumer groups `bench.<runid>.g<i>` committed offsets (no running consumers),
 * spread round-robin over the bench topics. Then one warm-up cycle (connections opened)
 * and --cycles measured cycles. Everything it created is deleted at the end unless --keep,
 * also when the setup fails halfway or on Ctrl-C. With --existing it creates nothing and
 * measures the cluster as it is.
 *
 * The cycle reads the whole cluster, so topics and groups that others created are part of
 * what is measured: the totals the snapshot saw are printed next to the bench's own share.
 * Writes to the cluster it is pointed at: meant for a test cluster (default: the local one).
 */
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { describeError } from '../lib/kafka/errors';
import { createKafkaClient } from '../lib/kafka/kafka-client';
import { AlertStore } from '../lib/alerts/alert-store';
import { ClusterAlerts } from '../lib/alerts/cluster-alerts';
import { closeBenchHistory, measureStorage, openBenchHistory } from './bench/bench-history';
import { BENCH_CLUSTER, runCycles } from './bench/cycles';
import { cleanUp, setUp } from './bench/fixtures';
import { onInterrupt, wasInterrupted } from './bench/interrupt';
import { parseOptions, UsageError, type BenchOptions } from './bench/options';
import { makePlan, type BenchPlan, type Created } from './bench/plan';
import { report } from './bench/report';

const REQUEST_TIMEOUT_MS = 10_000;

async function benchmark(
  options: BenchOptions,
  kafka: Kafka,
  admin: Admin,
  plan: BenchPlan,
  created: Created,
): Promise<void> {
  if (!options.existing) await setUp(kafka, admin, plan, created, options.replicationFactor);
  const client = createKafkaClient({ brokers: options.brokers, requestTimeoutMs: REQUEST_TIMEOUT_MS });
  const bench = openBenchHistory(BENCH_CLUSTER.id);
  try {
    // Alerts as the server evaluates them: default rules, "for" and store.
    const alerts = new ClusterAlerts(new AlertStore(bench.db, BENCH_CLUSTER.id));
    const run = await runCycles(client, bench.history, alerts, options.cycles);
    const storage = measureStorage(bench, run.measured.length + 1);
    report(run, storage, plan.prefix);
  } finally {
    closeBenchHistory(bench);
    await client.close();
  }
}

/** Failures already printed (before the clean-up that follows them). */
const reported = new Set<unknown>();

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
  } catch (error) {
    // Said before the clean-up: a run whose setup failed once exited during the admin
    // client's disconnect, nothing left on the event loop, and the cause was never printed.
    if (!wasInterrupted()) console.error(`\nbench:collect: failed: ${describeError(error)}`);
    reported.add(error);
    throw error;
  } finally {
    if (options.existing) console.log('\nCreated nothing (--existing).');
    else if (options.keep) console.log(`\nKept ${plan.prefix}* topics and groups (--keep).`);
    else cleaned = await cleanUp(admin, plan.prefix, created);
    await admin.disconnect();
  }
  if (!cleaned) process.exitCode = 1;
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(error.message);
  else if (wasInterrupted()) console.error('bench:collect: interrupted.');
  else if (!reported.has(error)) console.error(`bench:collect: failed: ${describeError(error)}`);
  process.exit(wasInterrupted() ? 130 : 1);
});
