/**
 * npm run bench:history-backends -- [--partitions=10000] [--groups=1000] [--cycles=360] [--poll-seconds=10]
 *
 * What a cycle's history write costs on each backend: the real ClusterHistory appends the
 * same simulated cycles (scripts/bench/simulated-cluster.ts) first to a fresh SQLite file,
 * then to a fresh PostgreSQL (Debian's package, started here on loopback, fsync on as in
 * production). Prints per backend the CPU-seconds of this process per append (the
 * PostgreSQL client thread included; making the simulated cycle left out), PostgreSQL's
 * own CPU-seconds (every server process, from /proc), and the wall time of an append
 * (median and 95th percentile). PostgreSQL is measured twice: as one process uses it, and
 * as a replica holding the cluster's lease writes it (every transaction first checks the
 * lease, lib/replicas/fenced-database.ts). The machine is shared: compare the backends
 * within one run.
 *
 * No Kafka: it measures the storage, not the collection.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClusterHistory } from '../lib/history/cluster-history';
import { openHistory, type OpenedHistory } from '../lib/history/history-location';
import { BENCH_RETENTION } from './bench/bench-history';
import { BENCH_CLUSTER } from './bench/cycles';
import { SimulatedCluster } from './bench/simulated-cluster';
import { stats } from './bench/stats';
import { startPostgres } from './local-postgres';
import pg from 'pg';
import { ClusterLeases } from '../lib/replicas/cluster-leases';
import { FencedDatabase } from '../lib/replicas/fenced-database';

const PG_PORT = 17440;
const FENCED_CLUSTER = `${BENCH_CLUSTER.id}-fenced`;

interface Options {
  partitions: number;
  groups: number;
  cycles: number;
  pollMs: number;
}

const USAGE =
  'Usage: npm run bench:history-backends -- [--partitions=10000] [--groups=1000] [--cycles=360] [--poll-seconds=10]';

function parseOptions(argv: string[]): Options {
  const options: Options = { partitions: 10_000, groups: 1000, cycles: 360, pollMs: 10_000 };
  for (const arg of argv) {
    const match = /^--(partitions|groups|cycles|poll-seconds)=(\d+)$/.exec(arg);
    if (!match) throw new Error(`Bad argument ${arg}.\n${USAGE}`);
    const value = Number(match[2]);
    if (match[1] === 'poll-seconds') options.pollMs = value * 1000;
    else options[match[1] as 'partitions' | 'groups' | 'cycles'] = value;
  }
  return options;
}

const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

/** CPU-seconds used so far by every process whose command is `postgres` (the server and its backends). */
function postgresCpuSeconds(): number {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      // After the command in parentheses: state is field 3, utime 14, stime 15.
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

interface Measured {
  cpuPerCycleMs: number;
  serverCpuPerCycleMs: number | null;
  medianMs: number;
  p95Ms: number;
}

function measure(
  opened: OpenedHistory,
  options: Options,
  serverCpu: (() => number) | null,
  clusterId: string = BENCH_CLUSTER.id,
): Measured {
  const cluster = new SimulatedCluster({
    partitions: options.partitions,
    partitionsPerTopic: 20,
    groups: options.groups,
    topicsPerGroup: 1,
    busy: 1,
    seed: 1,
  });
  const history = new ClusterHistory(opened.db, clusterId, BENCH_RETENTION);
  const start = Math.floor(Date.now() / options.pollMs) * options.pollMs - options.cycles * options.pollMs;
  const times: number[] = [];
  let cpu = 0;
  const serverAtStart = serverCpu?.() ?? 0;
  for (let i = 1; i <= options.cycles; i++) {
    const t = start + i * options.pollMs;
    // Made before the clocks start: the simulated cycle is not the history's cost.
    const record = cluster.next(t, options.pollMs);
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    history.record(record, t);
    times.push(performance.now() - startedAt);
    cpu += cpuSeconds(process.cpuUsage(cpuBefore));
  }
  const { median } = stats(times);
  const p95 = [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)];
  return {
    cpuPerCycleMs: (cpu / options.cycles) * 1000,
    serverCpuPerCycleMs: serverCpu ? ((serverCpu() - serverAtStart) / options.cycles) * 1000 : null,
    medianMs: median,
    p95Ms: p95,
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  console.log(
    `${options.partitions} partitions, ${options.groups} groups: ${options.cycles} cycles of ${options.pollMs / 1000} s ` +
      `(a raw frame each simulated minute, a seal each hour, compaction every 30 minutes).`,
  );
  const results: [string, Measured][] = [];

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watermark-bench-backends-'));
  const sqlite = openHistory({ kind: 'sqlite', dataDir: dir });
  try {
    results.push(['SQLite (WAL, synchronous=NORMAL)', measure(sqlite, options, null)]);
  } finally {
    await sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const postgres = await startPostgres(PG_PORT, { fsync: true });
  try {
    const opened = openHistory({ kind: 'postgres', url: postgres.url, queryTimeoutMs: 30_000, leaseTtlMs: 10_000 });
    try {
      results.push(['PostgreSQL (loopback, fsync on)', measure(opened, options, postgresCpuSeconds)]);
      // A second cluster id: the same amount of data, written as the lease holder writes it.
      const pool = new pg.Pool({ connectionString: postgres.url, max: 1 });
      try {
        const leases = new ClusterLeases(pool);
        await leases.migrate();
        const lease = await leases.claim(FENCED_CLUSTER, 'bench', 24 * 3600_000);
        const fenced = { ...opened, db: new FencedDatabase(opened.db, FENCED_CLUSTER, () => lease) };
        results.push(['PostgreSQL, fenced (a replica)', measure(fenced, options, postgresCpuSeconds, FENCED_CLUSTER)]);
      } finally {
        await pool.end();
      }
    } finally {
      await opened.close();
    }
  } finally {
    await postgres.stop();
  }

  console.log(
    '\nbackend                            CPU/cycle (ms)  server CPU/cycle (ms)  append median (ms)  p95 (ms)',
  );
  for (const [name, m] of results) {
    console.log(
      `${name.padEnd(34)} ${m.cpuPerCycleMs.toFixed(1).padStart(14)}  ${(m.serverCpuPerCycleMs?.toFixed(1) ?? '–').padStart(21)}  ` +
        `${m.medianMs.toFixed(1).padStart(18)}  ${m.p95Ms.toFixed(1).padStart(8)}`,
    );
  }
  const [[, base], ...others] = results;
  for (const [name, other] of others) {
    console.log(
      `\n${name} / SQLite: ${(other.cpuPerCycleMs / base.cpuPerCycleMs).toFixed(2)}× this process's CPU, ` +
        `${((other.cpuPerCycleMs + (other.serverCpuPerCycleMs ?? 0)) / base.cpuPerCycleMs).toFixed(2)}× with the server's, ` +
        `${(other.medianMs / base.medianMs).toFixed(2)}× the median append.`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(`bench:history-backends: ${(error as Error).message}`);
  process.exit(1);
});
