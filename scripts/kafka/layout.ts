/**
 * Which local Kafka cluster a command means, and where it lives: version, mode,
 * ports and folders, all chosen by environment variables so that clusters of
 * several versions can run side by side:
 *
 * - KAFKA_VERSION (default 4.4.0): the Apache Kafka release, fetched from Maven Central.
 * - KAFKA_MODE (default kraft): `kraft`, or `zookeeper` for 2.x/3.x (4.0 removed ZooKeeper mode).
 * - KAFKA_PORT_OFFSET (default 0): added to every port the cluster listens on.
 *
 * Everything is under `.kafka/` at the repository root (git-ignored).
 */
import fs from 'node:fs';
import path from 'node:path';

/** Newest Apache Kafka 4.x release on Maven Central when this was written. */
export const DEFAULT_KAFKA_VERSION = '4.4.0';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/**
 * `.kafka/` with symbolic links resolved: a second checkout (a git worktree) may link its
 * `.kafka` to the first one's to share the running cluster, and the brokers are recognised
 * by the config path on their command line, which is the real one.
 */
export const KAFKA_HOME = realPathIfExists(path.join(REPO_ROOT, '.kafka'));

function realPathIfExists(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

export const NODE_IDS = [1, 2, 3] as const;
export type NodeId = (typeof NODE_IDS)[number];

export const KAFKA_MODES = ['kraft', 'zookeeper'] as const;
export type KafkaMode = (typeof KAFKA_MODES)[number];

/** One local cluster: a Kafka release, how its metadata is kept, and how far its ports are moved. */
export interface LocalCluster {
  version: string;
  mode: KafkaMode;
  portOffset: number;
}

/** Only the port offset decides the ports, so callers that know nothing else can still ask. */
type PortPlan = Pick<LocalCluster, 'portOffset'>;

/** An environment variable that names no cluster we can run; the message says why in one sentence. */
export class ClusterChoiceError extends Error {}

/**
 * Up to 3000, every port of every cluster stays below 32768, where Linux starts handing
 * out local ports to outgoing connections (a client socket on a listener's port keeps the
 * broker from binding it when it restarts), and the client and secured ports (19092-19114
 * plus the offset) never reach the controller ports (29092+) of another cluster.
 */
const MAX_PORT_OFFSET = 3000;

export function kafkaVersion(env: NodeJS.ProcessEnv = process.env): string {
  const version = env.KAFKA_VERSION?.trim() || DEFAULT_KAFKA_VERSION;
  // The version names folders and a Maven artifact: digits first, no path separators.
  if (!/^\d+\.\d+\.\d+[\w.-]*$/.test(version)) {
    throw new ClusterChoiceError(`KAFKA_VERSION must be a Kafka release such as 3.9.1 (got "${version}").`);
  }
  return version;
}

export function kafkaMode(env: NodeJS.ProcessEnv = process.env): KafkaMode {
  const mode = env.KAFKA_MODE?.trim().toLowerCase() || 'kraft';
  const known = KAFKA_MODES.find((m) => m === mode);
  if (!known) throw new ClusterChoiceError(`KAFKA_MODE must be kraft or zookeeper (got "${mode}").`);
  return known;
}

export function portOffset(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.KAFKA_PORT_OFFSET?.trim() || '0';
  const offset = Number(raw);
  if (!/^\d+$/.test(raw) || offset > MAX_PORT_OFFSET) {
    throw new ClusterChoiceError(
      `KAFKA_PORT_OFFSET must be a whole number from 0 to ${MAX_PORT_OFFSET} (got "${raw}"): every port of the cluster moves by it.`,
    );
  }
  return offset;
}

/** The brokers' default heap: enough for the tests and the demo, a few hundred partitions. */
export const DEFAULT_BROKER_HEAP = '512m';

/**
 * The brokers' JVM heap options: KAFKA_HEAP (e.g. `2g`, `1536m`) sets the maximum, for
 * benchmarks with thousands of partitions; 512m without it.
 */
export function brokerHeapOptions(env: Record<string, string | undefined> = process.env): string[] {
  const heap = env.KAFKA_HEAP?.trim() || DEFAULT_BROKER_HEAP;
  if (!/^[1-9]\d*[mg]$/i.test(heap)) {
    throw new ClusterChoiceError(`KAFKA_HEAP must be a size such as 512m or 2g (got "${heap}").`);
  }
  return ['-Xms128m', `-Xmx${heap.toLowerCase()}`];
}

/** The cluster the environment selects; throws a ClusterChoiceError for a combination Kafka cannot run. */
export function localCluster(env: NodeJS.ProcessEnv = process.env): LocalCluster {
  const cluster = { version: kafkaVersion(env), mode: kafkaMode(env), portOffset: portOffset(env) };
  const major = Number(cluster.version.split('.')[0]);
  if (cluster.mode === 'zookeeper' && major >= 4) {
    throw new ClusterChoiceError(
      `Kafka ${cluster.version} has no ZooKeeper mode (Kafka 4.0 removed it): use KAFKA_MODE=kraft, or a 2.x/3.x KAFKA_VERSION with KAFKA_MODE=zookeeper.`,
    );
  }
  // Tried with 2.8.2: its KRaft preview fences every broker ("session has timed out") and never serves.
  if (cluster.mode === 'kraft' && major < 3) {
    throw new ClusterChoiceError(
      `Kafka ${cluster.version}'s KRaft mode is an early-access preview that cannot run this cluster: use KAFKA_MODE=zookeeper, or a 3.x/4.x KAFKA_VERSION for KRaft.`,
    );
  }
  return cluster;
}

/** "Kafka 2.8.2 (zookeeper, port offset 100)", for messages. */
export function describeCluster(cluster: LocalCluster): string {
  const offset = cluster.portOffset ? `, port offset ${cluster.portOffset}` : '';
  return `Kafka ${cluster.version} (${cluster.mode}${offset})`;
}

/** Client (PLAINTEXT) port of a node: 19092, 19093, 19094, plus the offset. */
export function clientPort(cluster: PortPlan, nodeId: number): number {
  return 19091 + nodeId + cluster.portOffset;
}

/** KRaft controller port of a node: 29092, 29093, 29094, plus the offset. */
export function controllerPort(cluster: PortPlan, nodeId: number): number {
  return 29091 + nodeId + cluster.portOffset;
}

/** The ZooKeeper server's client port (ZooKeeper mode only): 2181 plus the offset. */
export function zooKeeperPort(cluster: PortPlan): number {
  return 2181 + cluster.portOffset;
}

/**
 * Does this cluster have the secured listeners (KRaft on 3.9 or later)? Older and
 * ZooKeeper clusters keep PLAINTEXT only: they test request versions, not security.
 */
export function hasSecuredListeners(cluster: Pick<LocalCluster, 'version' | 'mode'>): boolean {
  const [major, minor] = cluster.version.split('.').map(Number);
  return cluster.mode === 'kraft' && (major > 3 || (major === 3 && minor >= 9));
}

/** SASL_SSL (SCRAM) port of a node: 19102, 19103, 19104, plus the offset. */
export function saslSslPort(cluster: PortPlan, nodeId: number): number {
  return 19101 + nodeId + cluster.portOffset;
}

/** Mutual-TLS (SSL, client certificate required) port of a node: 19112, 19113, 19114, plus the offset. */
export function mtlsPort(cluster: PortPlan, nodeId: number): number {
  return 19111 + nodeId + cluster.portOffset;
}

export function brokerAddresses(cluster: PortPlan): string[] {
  return NODE_IDS.map((id) => `127.0.0.1:${clientPort(cluster, id)}`);
}

/** The client addresses of the cluster the environment selects (tests started with the same env talk to it). */
export const LOCAL_BROKERS = brokerAddresses({ portOffset: portOffset() });

export function libDir(version: string): string {
  return path.join(KAFKA_HOME, 'lib', version);
}

/**
 * "4.4.0", "3.6.2-offset-300", "2.8.2-zookeeper-offset-100": a KRaft cluster without
 * an offset keeps the bare version, the folder name these scripts have always used.
 */
export function clusterName(cluster: LocalCluster): string {
  const mode = cluster.mode === 'zookeeper' ? ['zookeeper'] : [];
  const offset = cluster.portOffset ? [`offset-${cluster.portOffset}`] : [];
  return [cluster.version, ...mode, ...offset].join('-');
}

/** One folder per cluster, so switching versions or modes never reuses incompatible data. */
export function clusterDir(cluster: LocalCluster): string {
  return path.join(KAFKA_HOME, 'cluster', clusterName(cluster));
}

export function nodeDir(cluster: LocalCluster, nodeId: number): string {
  return path.join(clusterDir(cluster), `node-${nodeId}`);
}

export function zooKeeperDir(cluster: LocalCluster): string {
  return path.join(clusterDir(cluster), 'zookeeper');
}

/**
 * Pid files, one folder per cluster. The default cluster keeps `.kafka/run` itself,
 * where these scripts kept it before clusters had names, so one started earlier is still found.
 */
export function runDir(cluster: LocalCluster): string {
  const isDefault = clusterName(cluster) === DEFAULT_KAFKA_VERSION;
  return isDefault ? path.join(KAFKA_HOME, 'run') : path.join(KAFKA_HOME, 'run', clusterName(cluster));
}

export function pidFile(cluster: LocalCluster, nodeId: number): string {
  return path.join(runDir(cluster), `node-${nodeId}.json`);
}

export function zooKeeperPidFile(cluster: LocalCluster): string {
  return path.join(runDir(cluster), 'zookeeper.json');
}

export function isNodeId(value: number): value is NodeId {
  return (NODE_IDS as readonly number[]).includes(value);
}
