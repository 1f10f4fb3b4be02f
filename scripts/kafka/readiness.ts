/**
 * When is a local cluster ready? When its metadata lists every expected broker:
 * an open port alone only says the JVM bound its listener.
 */
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
      throw new Error(`Kafka node ${exited} exited while starting; see ${path.join(nodeDir(cluster, exited), 'logs')}`);
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
