/**
 * Starts and stops the local 3-node KRaft cluster: one JVM per node, detached,
 * tracked by a pid file under .kafka/run so any later command can find it.
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { classpath, ensureJars } from './jars';
import { clientPort, clusterDir, kafkaVersion, LOCAL_BROKERS, NODE_IDS, nodeDir, pidFile, runDir } from './layout';
import { log4j2Properties, log4jProperties, serverProperties } from './node-config';

type Log = (line: string) => void;

interface PidRecord {
  pid: number;
  version: string;
  startedAt: string;
}

const HEAP_OPTS = ['-Xms128m', '-Xmx512m'];
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 60_000;

function readPid(nodeId: number): PidRecord | null {
  try {
    return JSON.parse(fs.readFileSync(pidFile(nodeId), 'utf8')) as PidRecord;
  } catch {
    return null;
  }
}

/** A live process whose command line is one of our Kafka nodes (guards against pid reuse). */
function isOurProcess(record: PidRecord | null, nodeId: number): record is PidRecord {
  if (!record) return false;
  try {
    const cmdline = fs.readFileSync(`/proc/${record.pid}/cmdline`, 'utf8');
    return cmdline.includes('kafka.Kafka') && cmdline.includes(`node-${nodeId}`);
  } catch {
    return false;
  }
}

export function runningNode(nodeId: number): PidRecord | null {
  const record = readPid(nodeId);
  return isOurProcess(record, nodeId) ? record : null;
}

/** Writes configs and formats storage once per version; returns the cluster id. */
function prepareCluster(version: string): string {
  const dir = clusterDir(version);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'log4j2.properties'), log4j2Properties());
  fs.writeFileSync(path.join(dir, 'log4j.properties'), log4jProperties());
  const idFile = path.join(dir, 'cluster-id');
  if (!fs.existsSync(idFile)) {
    // Kafka cluster ids are 16 random bytes in URL-safe base64 without padding.
    fs.writeFileSync(idFile, crypto.randomBytes(16).toString('base64url'));
  }
  const clusterId = fs.readFileSync(idFile, 'utf8').trim();
  for (const nodeId of NODE_IDS) {
    const node = nodeDir(version, nodeId);
    fs.mkdirSync(path.join(node, 'logs'), { recursive: true });
    const config = path.join(node, 'server.properties');
    fs.writeFileSync(config, serverProperties(version, nodeId));
    if (!fs.existsSync(path.join(node, 'data', 'meta.properties'))) {
      formatStorage(version, clusterId, config);
    }
  }
  return clusterId;
}

function formatStorage(version: string, clusterId: string, config: string): void {
  const result = spawnSync(
    'java',
    [
      ...HEAP_OPTS,
      '-cp',
      classpath(version),
      ...logOpts(version, path.dirname(config)),
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      config,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`Formatting ${config} failed: ${result.stderr || result.stdout}`);
  }
}

function logOpts(version: string, node: string): string[] {
  const dir = clusterDir(version);
  return [
    `-Dkafka.logs.dir=${path.join(node, 'logs')}`,
    `-Dlog4j2.configurationFile=${path.join(dir, 'log4j2.properties')}`,
    `-Dlog4j.configuration=file:${path.join(dir, 'log4j.properties')}`,
  ];
}

function startNode(version: string, nodeId: number): void {
  const node = nodeDir(version, nodeId);
  const out = fs.openSync(path.join(node, 'logs', 'stdout.log'), 'a');
  const child = spawn(
    'java',
    [
      ...HEAP_OPTS,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-XX:+ExitOnOutOfMemoryError',
      '-Djava.awt.headless=true',
      ...logOpts(version, node),
      '-cp',
      classpath(version),
      'kafka.Kafka',
      path.join(node, 'server.properties'),
    ],
    { detached: true, stdio: ['ignore', out, out] },
  );
  child.unref();
  fs.closeSync(out);
  fs.mkdirSync(runDir(), { recursive: true });
  const record: PidRecord = { pid: child.pid!, version, startedAt: new Date().toISOString() };
  fs.writeFileSync(pidFile(nodeId), JSON.stringify(record));
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the cluster metadata lists every node in `expected` as a live broker. */
export async function waitForBrokers(expected: readonly number[], timeoutMs = READY_TIMEOUT_MS): Promise<void> {
  const { Kafka, logLevel } = await import('kafkajs');
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    for (const nodeId of NODE_IDS) {
      if (!runningNode(nodeId) && expected.includes(nodeId)) {
        throw new Error(
          `Kafka node ${nodeId} exited while starting; see ${path.join(nodeDir(kafkaVersion(), nodeId), 'logs')}`,
        );
      }
    }
    const reachable = await Promise.all(expected.map((id) => portOpen(clientPort(id))));
    if (reachable.every(Boolean)) {
      const kafka = new Kafka({
        brokers: LOCAL_BROKERS,
        logLevel: logLevel.NOTHING,
        connectionTimeout: 2000,
        retry: { retries: 0 },
      });
      const admin = kafka.admin();
      try {
        await admin.connect();
        const { brokers } = await admin.describeCluster();
        const ids = new Set(brokers.map((b) => b.nodeId));
        if (expected.every((id) => ids.has(id))) return;
        lastError = `metadata lists brokers ${[...ids].join(', ')}`;
      } catch (error) {
        lastError = (error as Error).message;
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    }
    await sleep(500);
  }
  throw new Error(
    `Kafka brokers ${expected.join(', ')} did not become ready within ${timeoutMs / 1000}s (${lastError})`,
  );
}

/** Starts every node that is not running and waits for all three; idempotent. */
export async function up(log: Log = console.log): Promise<void> {
  const version = kafkaVersion();
  for (const nodeId of NODE_IDS) {
    const running = runningNode(nodeId);
    if (running && running.version !== version) {
      throw new Error(
        `A Kafka ${running.version} cluster is running; run \`npm run kafka:down\` before starting ${version}.`,
      );
    }
  }
  const toStart = NODE_IDS.filter((id) => !runningNode(id));
  if (toStart.length === 0) {
    log(`Kafka ${version} is already running: ${LOCAL_BROKERS.join(', ')}`);
    await waitForBrokers(NODE_IDS);
    return;
  }
  ensureJars(version, log);
  prepareCluster(version);
  for (const nodeId of toStart) startNode(version, nodeId);
  log(`Starting Kafka ${version} node(s) ${toStart.join(', ')}...`);
  await waitForBrokers(NODE_IDS);
  log(`Kafka ${version} is up: ${LOCAL_BROKERS.join(', ')}`);
}

async function stopNode(nodeId: number, log: Log): Promise<void> {
  const running = runningNode(nodeId);
  if (!running) {
    log(`Kafka node ${nodeId} is not running.`);
    fs.rmSync(pidFile(nodeId), { force: true });
    return;
  }
  process.kill(running.pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (runningNode(nodeId) && Date.now() < deadline) await sleep(200);
  if (runningNode(nodeId)) {
    log(`Kafka node ${nodeId} did not stop within ${STOP_TIMEOUT_MS / 1000}s; killing it.`);
    process.kill(running.pid, 'SIGKILL');
    while (runningNode(nodeId)) await sleep(100);
  }
  fs.rmSync(pidFile(nodeId), { force: true });
  log(`Kafka node ${nodeId} stopped.`);
}

/** Stops every node; data and jars stay. */
export async function down(log: Log = console.log): Promise<void> {
  // Stopping all nodes at once avoids each waiting for a controlled shutdown
  // that needs a quorum the others are about to leave.
  await Promise.all(NODE_IDS.map((id) => stopNode(id, log)));
}

export async function stopBroker(nodeId: number, log: Log = console.log): Promise<void> {
  await stopNode(nodeId, log);
}

export async function startBroker(nodeId: number, log: Log = console.log): Promise<void> {
  const version = runningVersion() ?? kafkaVersion();
  if (runningNode(nodeId)) {
    log(`Kafka node ${nodeId} is already running.`);
  } else {
    ensureJars(version, log);
    prepareCluster(version);
    startNode(version, nodeId);
    log(`Starting Kafka node ${nodeId}...`);
  }
  const live = NODE_IDS.filter((id) => runningNode(id));
  await waitForBrokers(live);
  log(`Kafka node ${nodeId} is up on 127.0.0.1:${clientPort(nodeId)}.`);
}

export function runningVersion(): string | null {
  for (const nodeId of NODE_IDS) {
    const running = runningNode(nodeId);
    if (running) return running.version;
  }
  return null;
}

export function status(): { nodeId: number; port: number; pid: number | null; version: string | null }[] {
  return NODE_IDS.map((nodeId) => {
    const running = runningNode(nodeId);
    return { nodeId, port: clientPort(nodeId), pid: running?.pid ?? null, version: running?.version ?? null };
  });
}
