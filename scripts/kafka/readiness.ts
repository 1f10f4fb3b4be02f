/**
 * When is a local cluster ready? When its metadata lists every expected broker:
 * an open port alone only says the JVM bound its listener.
 */
import fs from 'node:fs';
import path from 'node:path';
import { brokerAddresses, clientPort, type LocalCluster, nodeDir } from './layout';
import { portOpen, sleep } from './processes';

const READY_TIMEOUT_MS = 120_000;

/** The broker ids in the cluster's metadata, or the reason it could not be read. */
async function liveBrokerIds(cluster: LocalCluster): Promise<Set<number> | string> {
  const { Kafka, logLevel } = await import('kafkajs');
  const kafka = new Kafka({
    brokers: brokerAddresses(cluster),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const { brokers } = await admin.describeCluster();
    return new Set(brokers.map((b) => b.nodeId));
  } catch (error) {
    return (error as Error).message;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Waits until the metadata lists every node in `expected`; fails at once when one of
 * their processes exits (`isAlive` says), pointing at its logs.
 */
export async function waitForBrokersOf(
  cluster: LocalCluster,
  expected: readonly number[],
  isAlive: (nodeId: number) => boolean,
  timeoutMs = READY_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    const exited = expected.find((id) => !isAlive(id));
    if (exited !== undefined) {
      const logs = path.join(nodeDir(cluster, exited), 'logs');
      const cause = lastErrorLines(logs);
      throw new Error(
        `Kafka node ${exited} exited while starting; see ${logs}${cause.length > 0 ? `. It logged:\n${cause.join('\n')}` : ''}`,
      );
    }
    const reachable = await Promise.all(expected.map((id) => portOpen(clientPort(cluster, id))));
    if (reachable.every(Boolean)) {
      const ids = await liveBrokerIds(cluster);
      if (typeof ids !== 'string' && expected.every((id) => ids.has(id))) return;
      lastError = typeof ids === 'string' ? ids : `metadata lists brokers ${[...ids].join(', ')}`;
    }
    await sleep(500);
  }
  throw new Error(
    `Kafka brokers ${expected.join(', ')} did not become ready within ${timeoutMs / 1000}s (${lastError})`,
  );
}

const LOG_TAIL_BYTES = 64 * 1024;
const MAX_CAUSE_LINES = 5;

/**
 * The last ERROR/FATAL lines and exception messages a node wrote before it exited
 * ("Address already in use", a bad config), so a failure on a machine whose logs are
 * gone afterwards (a CI run) still says why.
 */
export function lastErrorLines(logsDir: string): string[] {
  const lines = ['server.log', 'stdout.log'].flatMap((name) => tailLines(path.join(logsDir, name)));
  const telling = lines.filter((line) => /\b(ERROR|FATAL)\b|Exception|already in use/.test(line));
  return [...new Set(telling)].slice(-MAX_CAUSE_LINES);
}

function tailLines(file: string): string[] {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const length = Math.min(size, LOG_TAIL_BYTES);
      const buffer = Buffer.alloc(length);
      fs.readSync(fd, buffer, 0, length, size - length);
      const lines = buffer.toString('utf8').split('\n');
      // A tail cut from a longer file starts mid-line.
      return size > length ? lines.slice(1) : lines;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return [];
  }
}
