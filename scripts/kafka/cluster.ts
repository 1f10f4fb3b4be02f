/**
 * Starts and stops the local 3-node cluster the environment selects (see layout.ts):
 * one JVM per node, detached, tracked by pid files under .kafka/run so any later
 * command with the same environment finds it. KRaft nodes are combined brokers and
 * controllers; in ZooKeeper mode a ZooKeeper server starts first and stops last.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensureCertificates } from './certificates';
import { classpath, ensureJars } from './jars';
import {
  brokerAddresses,
  brokerHeapOptions,
  clientPort,
  clusterDir,
  controllerPort,
  describeCluster,
  hasSecuredListeners,
  type LocalCluster,
  localCluster,
  NODE_IDS,
  mtlsPort,
  nodeDir,
  pidFile,
  saslSslPort,
} from './layout';
import { log4j2Properties, log4jProperties, serverProperties } from './node-config';
import {
  ensurePortsFree,
  type Log,
  type PidRecord,
  runningProcess,
  startJava,
  stopProcess,
  type TrackedProcess,
} from './processes';
import { waitForBrokersOf } from './readiness';
import { ensureZooKeeper, stopZooKeeper } from './zookeeper';

/** Formatting storage needs little; the nodes get KAFKA_HEAP when set (brokerHeapOptions). */
const FORMAT_HEAP_OPTS = ['-Xms128m', '-Xmx512m'];

function configFile(cluster: LocalCluster, nodeId: number): string {
  return path.join(nodeDir(cluster, nodeId), 'server.properties');
}

function trackedNode(cluster: LocalCluster, nodeId: number): TrackedProcess {
  return { pidFile: pidFile(cluster, nodeId), marker: configFile(cluster, nodeId), name: `Kafka node ${nodeId}` };
}

export function runningNode(nodeId: number, cluster = localCluster()): PidRecord | null {
  return runningProcess(trackedNode(cluster, nodeId));
}

function logOpts(cluster: LocalCluster, node: string): string[] {
  const dir = clusterDir(cluster);
  return [
    `-Dkafka.logs.dir=${path.join(node, 'logs')}`,
    `-Dlog4j2.configurationFile=${path.join(dir, 'log4j2.properties')}`,
    `-Dlog4j.configuration=file:${path.join(dir, 'log4j.properties')}`,
  ];
}

/** Writes every node's configs; in KRaft mode also formats each node's storage once. */
function prepareCluster(cluster: LocalCluster): void {
  const dir = clusterDir(cluster);
  fs.mkdirSync(dir, { recursive: true });
  if (hasSecuredListeners(cluster)) ensureCertificates();
  fs.writeFileSync(path.join(dir, 'log4j2.properties'), log4j2Properties());
  fs.writeFileSync(path.join(dir, 'log4j.properties'), log4jProperties());
  for (const nodeId of NODE_IDS) {
    fs.mkdirSync(path.join(nodeDir(cluster, nodeId), 'logs'), { recursive: true });
    fs.writeFileSync(configFile(cluster, nodeId), serverProperties(cluster.version, nodeId, cluster));
  }
  if (cluster.mode === 'kraft') formatKraftStorage(cluster);
}

/**
 * Kafka cluster ids are 16 random bytes in URL-safe base64 without padding. As Kafka's own
 * Uuid.randomUuid(), never one starting with '-': StorageTool would read `-t -m2e…` as an
 * option and refuse to format (one new cluster in 64).
 */
export function newKraftClusterId(): string {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function kraftClusterId(cluster: LocalCluster): string {
  const idFile = path.join(clusterDir(cluster), 'cluster-id');
  // A stored id starting with '-' never formatted anything: replace it.
  if (!fs.existsSync(idFile) || fs.readFileSync(idFile, 'utf8').startsWith('-')) {
    fs.writeFileSync(idFile, newKraftClusterId());
  }
  return fs.readFileSync(idFile, 'utf8').trim();
}

/**
 * `StorageTool format -t <id> -c <config>` is what every KRaft release from 3.0 to 4.x needs
 * with a static quorum (controller.quorum.voters); 3.9's `--standalone` and
 * `--initial-controllers` are for dynamic quorums only.
 */
function formatKraftStorage(cluster: LocalCluster): void {
  const clusterId = kraftClusterId(cluster);
  for (const nodeId of NODE_IDS) {
    const node = nodeDir(cluster, nodeId);
    if (fs.existsSync(path.join(node, 'data', 'meta.properties'))) continue;
    const config = configFile(cluster, nodeId);
    const result = spawnSync(
      'java',
      [
        ...FORMAT_HEAP_OPTS,
        '-cp',
        classpath(cluster.version),
        ...logOpts(cluster, node),
        'kafka.tools.StorageTool',
        ...['format', '-t', clusterId, '-c', config],
      ],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`Formatting ${config} failed: ${result.stderr || result.stdout}`);
  }
}

function nodePorts(cluster: LocalCluster, nodeId: number): number[] {
  const client = clientPort(cluster, nodeId);
  if (cluster.mode !== 'kraft') return [client];
  const secured = hasSecuredListeners(cluster) ? [saslSslPort(cluster, nodeId), mtlsPort(cluster, nodeId)] : [];
  return [client, controllerPort(cluster, nodeId), ...secured];
}

async function startNodes(cluster: LocalCluster, nodeIds: number[], log: Log): Promise<void> {
  const heapOptions = brokerHeapOptions();
  await ensurePortsFree(
    nodeIds.flatMap((id) => nodePorts(cluster, id)),
    describeCluster(cluster),
  );
  ensureJars(cluster.version, log);
  if (cluster.mode === 'zookeeper') await ensureZooKeeper(cluster, log);
  prepareCluster(cluster);
  for (const nodeId of nodeIds) {
    const node = nodeDir(cluster, nodeId);
    const args = [
      ...heapOptions,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-XX:+ExitOnOutOfMemoryError',
      '-Djava.awt.headless=true',
      ...logOpts(cluster, node),
      '-cp',
      classpath(cluster.version),
      'kafka.Kafka',
      configFile(cluster, nodeId),
    ];
    startJava(trackedNode(cluster, nodeId), cluster.version, args, path.join(node, 'logs', 'stdout.log'));
  }
  log(`Starting ${describeCluster(cluster)} node(s) ${nodeIds.join(', ')}...`);
}

/** Waits until the cluster metadata lists every node in `expected` as a live broker. */
export async function waitForBrokers(expected: readonly number[], timeoutMs?: number): Promise<void> {
  const cluster = localCluster();
  await waitForBrokersOf(cluster, expected, (id) => runningNode(id, cluster) !== null, timeoutMs);
}

/** Starts every node (and ZooKeeper) that is not running and waits for all three; idempotent. */
export async function up(log: Log = console.log): Promise<void> {
  const cluster = localCluster();
  const addresses = brokerAddresses(cluster).join(', ');
  const toStart = NODE_IDS.filter((id) => !runningNode(id, cluster));
  if (toStart.length === 0) {
    log(`${describeCluster(cluster)} is already running: ${addresses}`);
  } else {
    await startNodes(cluster, toStart, log);
  }
  await waitForBrokers(NODE_IDS);
  if (toStart.length > 0) log(`${describeCluster(cluster)} is up: ${addresses}`);
}

/** Stops every node, then ZooKeeper; data and jars stay. */
export async function down(log: Log = console.log): Promise<void> {
  const cluster = localCluster();
  // Stopping all nodes at once avoids each waiting for a controlled shutdown
  // that needs a quorum the others are about to leave.
  await Promise.all(NODE_IDS.map((id) => stopProcess(trackedNode(cluster, id), log)));
  // Brokers need ZooKeeper to shut down cleanly, so it goes last.
  if (cluster.mode === 'zookeeper') await stopZooKeeper(cluster, log);
}

export async function stopBroker(nodeId: number, log: Log = console.log): Promise<void> {
  await stopProcess(trackedNode(localCluster(), nodeId), log);
}

export async function startBroker(nodeId: number, log: Log = console.log): Promise<void> {
  const cluster = localCluster();
  if (runningNode(nodeId, cluster)) {
    log(`Kafka node ${nodeId} is already running.`);
  } else {
    await startNodes(cluster, [nodeId], log);
  }
  const live = NODE_IDS.filter((id) => runningNode(id, cluster));
  await waitForBrokers(live);
  log(`Kafka node ${nodeId} is up on 127.0.0.1:${clientPort(cluster, nodeId)}.`);
}

/** The Kafka version of the selected cluster when any of its nodes runs, else null. */
export function runningVersion(): string | null {
  const cluster = localCluster();
  return NODE_IDS.map((id) => runningNode(id, cluster)).find((record) => record !== null)?.version ?? null;
}

export function status(): { nodeId: number; port: number; pid: number | null; version: string | null }[] {
  const cluster = localCluster();
  return NODE_IDS.map((nodeId) => {
    const running = runningNode(nodeId, cluster);
    return { nodeId, port: clientPort(cluster, nodeId), pid: running?.pid ?? null, version: running?.version ?? null };
  });
}
