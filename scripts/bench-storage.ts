/**
 * npm run bench:storage -- [--partitions=10000] [--partitions-per-topic=20] [--groups=1000]
 *                          [--topics-per-group=1] [--days=7] [--busy=1] [--poll-seconds=10]
 *
 * What the history costs over a simulated week: the real ClusterHistory (raw frames,
 * aggregates, compaction every 5 simulated minutes, the default retention) writes the cycles
 * of a simulated cluster (scripts/bench/simulated-cluster.ts) to a fresh SQLite file in the
 * OS temp directory, with time advancing one poll interval per cycle, so a week takes
 * minutes. Prints per simulated day the bytes this process wrote (wchar from /proc/self/io:
 * every write SQLite made, WAL and checkpoints included) and the database size; then the
 * size at the end, a 7-day chart query for one group and one topic, and the restart reload
 * (ClusterAnalyzer.seed) from that database, in CPU-seconds and memory.
 *
 * No Kafka: it measures the storage, not the collection (bench:collect measures that).
 */
import fs from 'node:fs';
import { createAnalyzer } from '../lib/collector/cluster-pipeline';
import { RAW_HISTORY_MS } from '../lib/history/compact-history';
import { RAW_FRAME_EVERY_MS } from '../lib/history/cluster-history';
import { BENCH_RETENTION, closeBenchHistory, databaseBytes, openBenchHistory } from './bench/bench-history';
import { BENCH_CLUSTER } from './bench/cycles';
import { SimulatedCluster, type SimulatedShape } from './bench/simulated-cluster';
import { stats } from './bench/stats';
import { formatMegabytes } from './bench/storage-report';

const DAY_MS = 24 * 60 * 60_000;

interface StorageOptions extends SimulatedShape {
  days: number;
  pollMs: number;
}

const USAGE = `Usage: npm run bench:storage -- [--partitions=10000] [--partitions-per-topic=20] [--groups=1000]
                              [--topics-per-group=1] [--days=7] [--busy=1] [--poll-seconds=10]`;

function parseOptions(argv: string[]): StorageOptions {
  const options: StorageOptions = {
    partitions: 10_000,
    partitionsPerTopic: 20,
    groups: 1000,
    topicsPerGroup: 1,
    busy: 1,
    seed: 1,
    days: 7,
    pollMs: 10_000,
  };
  const numbers: Record<string, (value: number) => void> = {
    partitions: (v) => (options.partitions = v),
    'partitions-per-topic': (v) => (options.partitionsPerTopic = v),
    groups: (v) => (options.groups = v),
    'topics-per-group': (v) => (options.topicsPerGroup = v),
    days: (v) => (options.days = v),
    busy: (v) => (options.busy = v),
    'poll-seconds': (v) => (options.pollMs = v * 1000),
  };
  for (const arg of argv) {
    const match = /^--([a-z-]+)=(.+)$/.exec(arg);
    const set = match && Object.hasOwn(numbers, match[1]) ? numbers[match[1]] : undefined;
    const value = Number(match?.[2]);
    if (!set || !Number.isFinite(value) || value < 0) throw new Error(`Bad argument ${arg}.\n${USAGE}`);
    set(value);
  }
  if (options.busy > 1 || options.partitions < 1 || options.partitionsPerTopic < 1 || options.pollMs < 1000) {
    throw new Error(
      `--busy is a share from 0 to 1; --partitions, --partitions-per-topic ≥ 1; --poll-seconds ≥ 1.\n${USAGE}`,
    );
  }
  return options;
}

/** Bytes this process has passed to write(2) so far. */
function bytesWritten(): number {
  const match = /^wchar: (\d+)$/m.exec(fs.readFileSync('/proc/self/io', 'utf8'));
  return match ? Number(match[1]) : NaN;
}

function cpuSeconds(since?: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

function timeQuery(run: () => unknown): { medianMs: number; rows: number } {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < 5; i++) {
    const startedAt = performance.now();
    rows = (run() as { rows: unknown[] }[]).reduce((sum, s) => sum + s.rows.length, 0);
    times.push(performance.now() - startedAt);
  }
  return { medianMs: stats(times).median, rows };
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const cluster = new SimulatedCluster(options);
  const cycles = Math.floor((options.days * DAY_MS) / options.pollMs);
  console.log(
    `Simulated cluster: ${options.partitions} partitions (${Math.round(options.busy * 100)} % receiving), ` +
      `${options.groups} groups with ${cluster.commitCount} committed offsets; ` +
      `${cycles} cycles of ${options.pollMs / 1000} s = ${options.days} days.`,
  );
  const bench = openBenchHistory(BENCH_CLUSTER.id);
  try {
    const end = Math.floor(Date.now() / options.pollMs) * options.pollMs;
    const start = end - cycles * options.pollMs;
    const cpuAtStart = process.cpuUsage();
    const frameBytes: number[] = [];
    const rows: number[] = [];
    let dayStart = { written: bytesWritten(), cpu: process.cpuUsage(), t: start };
    console.log('\nday  written (MB)  database (MB)  CPU (s)  frame median (KB)');
    for (let i = 1; i <= cycles; i++) {
      const t = start + i * options.pollMs;
      const write = bench.history.record(cluster.next(t, options.pollMs), t);
      if (write.frameBytes > 0) frameBytes.push(write.frameBytes);
      rows.push(write.rows);
      if (t - dayStart.t >= DAY_MS || i === cycles) {
        const day = Math.round((t - start) / DAY_MS);
        const size = databaseBytes(bench.db);
        const recent = frameBytes.slice(-Math.round(DAY_MS / RAW_FRAME_EVERY_MS));
        console.log(
          `${String(day).padStart(3)}  ${formatMegabytes(bytesWritten() - dayStart.written).padStart(12)}  ` +
            `${formatMegabytes(size).padStart(13)}  ${cpuSeconds(dayStart.cpu).toFixed(1).padStart(7)}  ` +
            `${(stats(recent).median / 1000).toFixed(1).padStart(17)}`,
        );
        dayStart = { written: bytesWritten(), cpu: process.cpuUsage(), t };
      }
    }
    const totalCpu = cpuSeconds(cpuAtStart);
    const final = databaseBytes(bench.db);
    const free = (bench.db.pragma('freelist_count', { simple: true }) as number) * pageSize(bench.db);
    const tables = tableBytes(bench.db);
    console.log(`\nAfter ${options.days} days:`);
    console.log(
      `  database       ${formatMegabytes(final)} MB (${formatMegabytes(free)} MB of it free pages SQLite reuses)`,
    );
    for (const [name, bytes] of tables) console.log(`    ${name.padEnd(20)} ${formatMegabytes(bytes)} MB`);
    console.log(
      `  per cycle      ${((totalCpu / cycles) * 1000).toFixed(1)} ms CPU to append and compact; ` +
        `raw frame median ${(stats(frameBytes).median / 1000).toFixed(1)} KB (${frameBytes.length} written, one a minute), ${stats(rows).median} aggregate rows`,
    );

    const reader = bench.history.reader;
    const group = timeQuery(() =>
      reader.aggregates('group-topic', { groupId: 'simulated.billing-consumer-0000' }, end - 7 * DAY_MS, end),
    );
    const topic = timeQuery(() =>
      reader.aggregates('topic', { topic: 'simulated.orders-0000' }, end - 7 * DAY_MS, end),
    );
    console.log(
      `  7-day chart    one group ${group.medianMs.toFixed(1)} ms (${group.rows} rows), one topic ${topic.medianMs.toFixed(1)} ms (${topic.rows} rows), median of 5`,
    );

    const rssBefore = process.memoryUsage().rss;
    const seedCpu = process.cpuUsage();
    const seedStarted = performance.now();
    // The reload reads only the history: no Kafka client is needed.
    const analyzer = createAnalyzer({ cluster: BENCH_CLUSTER, client: null as never });
    analyzer.seed(reader, end - RAW_HISTORY_MS);
    console.log(
      `  restart reload ${cpuSeconds(seedCpu).toFixed(2)} CPU-s, ${((performance.now() - seedStarted) / 1000).toFixed(2)} s wall, ` +
        `RSS ${formatMegabytes(rssBefore)} → ${formatMegabytes(process.memoryUsage().rss)} MB ` +
        `(${analyzer.memory.partitions.size} partitions, ${analyzer.memory.commits.size} commits remembered)`,
    );
    console.log(
      `\nbench:storage: ${options.partitions} partitions, ${cluster.commitCount} commits, ${options.days} days at ` +
        `${options.pollMs / 1000} s: ${formatMegabytes(final)} MB on disk; retention ${BENCH_RETENTION.horizonMs / DAY_MS} days, raw ${RAW_HISTORY_MS / 3_600_000} h`,
    );
  } finally {
    closeBenchHistory(bench);
  }
}

function pageSize(db: ReturnType<typeof openBenchHistory>['db']): number {
  return db.pragma('page_size', { simple: true }) as number;
}

/** Bytes per table and index (dbstat), largest first. */
function tableBytes(db: ReturnType<typeof openBenchHistory>['db']): [string, number][] {
  try {
    const rows = db
      .prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC')
      .all() as {
      name: string;
      bytes: number;
    }[];
    return rows.filter((r) => r.bytes > 0).map((r) => [r.name, r.bytes]);
  } catch {
    return []; // SQLite built without dbstat
  }
}

try {
  main();
} catch (error) {
  console.error(`bench:storage: ${(error as Error).message}`);
  process.exit(1);
}
