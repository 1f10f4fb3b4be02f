/**
 * npm run bench:peers -- [--partitions=1000] [--partitions-per-topic=10] [--groups=100]
 *                        [--interval=10] [--cycles=12] [--port=3100] [--replication-factor=N]
 *                        [--brokers=host:port,...] [--peers-dir=DIR] [--existing]
 *
 * Watermark beside the two Go pollers teams run instead, KMinion 2.3.5 and Burrow 1.9.5,
 * against the same cluster at the same interval. The peers are built from their released
 * source tarballs (--peers-dir, PEERS_DIR, default ../shared/peers from the repository
 * root) once and cached under .kafka/peers/; Watermark runs its production build with
 * `next start` (built first when the sources changed, as the demo does).
 *
 * It creates the same topics and groups as bench:collect, starts the three, checks that
 * each sees them (and fails with the poller's output if not), then scrapes each one's
 * metrics once per interval for --cycles intervals and prints, per poller: CPU seconds per
 * cycle (user + system from /proc, children included) in each half of the window, peak RSS
 * (VmHWM), the size and series of one scrape, and Kafka requests per cycle where the tool
 * counts them (Watermark does). Then the wall time of Kafka's own
 * `kafka-consumer-groups --describe --all-groups`. Everything it started and created is
 * stopped and deleted at the end, also after a failure or Ctrl-C. With --existing it
 * creates nothing and measures the bench topics and groups an earlier
 * `bench:collect -- --keep` left (setting up 10,000 partitions takes minutes).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { describeError } from '../lib/kafka/errors';
import { startProductionBuild } from './demo/production-build';
import { REPO_ROOT } from './kafka/layout';
import { cleanUp, setUp } from './bench/fixtures';
import { onInterrupt, wasInterrupted } from './bench/interrupt';
import { UsageError } from './bench/options';
import { existingPlan, makePlan, type BenchPlan, type Created } from './bench/plan';
import { timeDescribeAllGroups } from './bench/peers/consumer-groups-tool';
import { measureWindow } from './bench/peers/measure-window';
import { ensurePeerBinary, PEER_RELEASES, type PeerBinary } from './bench/peers/peer-build';
import { waitForBurrow, waitForKminion, waitForWatermark } from './bench/peers/peer-checks';
import { parsePeerOptions, type PeerBenchOptions } from './bench/peers/peer-options';
import { startBurrow, startKminion, startWatermark, stopPollers, type Poller } from './bench/peers/peer-processes';
import { peerTable } from './bench/peers/peer-table';

const log = (line: string) => console.log(line);

async function buildEverything(options: PeerBenchOptions): Promise<PeerBinary[]> {
  const binaries: PeerBinary[] = [];
  for (const peer of PEER_RELEASES) binaries.push(await ensurePeerBinary(peer, options.peersDir, log));
  for (const { peer, buildSeconds } of binaries) {
    log(
      `${peer.label} ${peer.version}: ${buildSeconds === null ? 'cached build' : `built in ${buildSeconds.toFixed(0)} s`}`,
    );
  }
  await startProductionBuild(REPO_ROOT, { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, log).ready;
  return binaries;
}

/** Time for a poller to see the bench topics and groups: a few cycles, and Burrow's reading of __consumer_offsets. */
const seeTimeoutMs = (options: PeerBenchOptions) => Math.max(120_000, options.intervalSeconds * 6_000);

async function startAndMeasure(options: PeerBenchOptions, plan: BenchPlan, binaries: PeerBinary[], pollers: Poller[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watermark-bench-peers-'));
  try {
    const setup = { brokers: options.brokers, intervalSeconds: options.intervalSeconds, dir };
    const binary = (name: string) => binaries.find((b) => b.peer.name === name)?.path as string;
    // Each is in `pollers` as soon as it runs, so a failure to start the next one still stops it.
    const watermark = startWatermark(setup, options.port);
    pollers.push(watermark);
    const kminion = await startKminion(binary('kminion'), setup);
    pollers.push(kminion);
    const burrow = await startBurrow(binary('burrow'), setup);
    pollers.push(burrow);
    log('Waiting until each poller sees the bench topics and groups...');
    const timeoutMs = seeTimeoutMs(options);
    await Promise.all([
      waitForWatermark(watermark, plan, timeoutMs),
      waitForKminion(kminion, plan, timeoutMs),
      waitForBurrow(burrow, plan, timeoutMs),
    ]);
    log(
      `All three see ${plan.topics.length} topics and ${plan.groups.length} groups. Measuring ${options.cycles} cycles of ${options.intervalSeconds} s:`,
    );
    const results = await measureWindow(pollers, options.intervalSeconds, options.cycles, log);
    const killed = await stopPollers(pollers);
    if (killed.length > 0) log(`${killed.join(', ')} did not stop within 10 s: killed.`);
    log("Timing Kafka's kafka-consumer-groups --describe --all-groups...");
    const tool = await timeDescribeAllGroups(options.brokers);
    log('');
    log(peerTable(results));
    log('');
    log(
      `kafka-consumer-groups --describe --all-groups: ${tool.wallSeconds.toFixed(1)} s wall time (JVM start included), ${tool.rows} partition rows.`,
    );
  } finally {
    await stopPollers(pollers);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function planOfExisting(admin: Admin): Promise<BenchPlan> {
  const names = await admin.listTopics();
  const metadata = await admin.fetchTopicMetadata({ topics: names.filter((name) => name.startsWith('bench.')) });
  const { groups } = await admin.listGroups();
  return existingPlan(
    new Map(metadata.topics.map((t) => [t.name, t.partitions.length])),
    groups.map((g) => g.groupId),
  );
}

async function main(): Promise<void> {
  const options = parsePeerOptions(process.argv.slice(2), process.env);
  process.on('SIGINT', onInterrupt);
  const binaries = await buildEverything(options);
  log(`Brokers: ${options.brokers.join(',')}; poll interval ${options.intervalSeconds} s`);
  const kafka = new Kafka({ clientId: 'watermark-bench', brokers: options.brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const created: Created = { topics: new Set(), groups: new Set() };
  const pollers: Poller[] = [];
  let cleaned = true;
  let plan: BenchPlan | null = null;
  try {
    plan = options.existing ? await planOfExisting(admin) : makePlan(options);
    if (options.existing) {
      const partitions = plan.topics.reduce((sum, t) => sum + t.partitions, 0);
      log(
        `Existing bench run ${plan.prefix}*: ${plan.topics.length} topics, ${partitions} partitions, ${plan.groups.length} groups.`,
      );
    } else {
      await setUp(kafka, admin, plan, created, options.replicationFactor);
    }
    await startAndMeasure(options, plan, binaries, pollers);
  } finally {
    // What this run created is deleted also when the setup failed halfway.
    if (plan && !options.existing) cleaned = await cleanUp(admin, plan.prefix, created);
    await admin.disconnect();
  }
  if (options.existing) log('Created nothing (--existing).');
  if (!cleaned) process.exitCode = 1;
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(error.message);
  else if (wasInterrupted()) console.error('bench:peers: interrupted.');
  else console.error(`bench:peers: failed: ${describeError(error)}`);
  process.exit(wasInterrupted() ? 130 : 1);
});
