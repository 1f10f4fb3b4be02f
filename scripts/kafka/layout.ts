/**
 * Where the local Kafka cluster lives: versions, ports and folders.
 * Everything is under `.kafka/` at the repository root (git-ignored).
 */
import path from 'node:path';

/** Newest Apache Kafka 4.x release on Maven Central when this was written. */
export const DEFAULT_KAFKA_VERSION = '4.4.0';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const KAFKA_HOME = path.join(REPO_ROOT, '.kafka');

export const NODE_IDS = [1, 2, 3] as const;
export type NodeId = (typeof NODE_IDS)[number];

export function kafkaVersion(env: NodeJS.ProcessEnv = process.env): string {
  return env.KAFKA_VERSION?.trim() || DEFAULT_KAFKA_VERSION;
}

/** Client (PLAINTEXT) port of a node: 19092, 19093, 19094. */
export function clientPort(nodeId: number): number {
  return 19091 + nodeId;
}

/** KRaft controller port of a node: 29092, 29093, 29094. */
export function controllerPort(nodeId: number): number {
  return 29091 + nodeId;
}

export const LOCAL_BROKERS = NODE_IDS.map((id) => `127.0.0.1:${clientPort(id)}`);

export function libDir(version: string): string {
  return path.join(KAFKA_HOME, 'lib', version);
}

/** One cluster per Kafka version, so switching versions never reuses incompatible data. */
export function clusterDir(version: string): string {
  return path.join(KAFKA_HOME, 'cluster', version);
}

export function nodeDir(version: string, nodeId: number): string {
  return path.join(clusterDir(version), `node-${nodeId}`);
}

export function runDir(): string {
  return path.join(KAFKA_HOME, 'run');
}

export function pidFile(nodeId: number): string {
  return path.join(runDir(), `node-${nodeId}.json`);
}

export function isNodeId(value: number): value is NodeId {
  return (NODE_IDS as readonly number[]).includes(value);
}
