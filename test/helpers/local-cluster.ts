/**
 * The local test cluster, as seen from tests.
 */
import crypto from 'node:crypto';
import { Kafka, logLevel, type Producer, type ProducerRecord } from 'kafkajs';
import { collectCycle } from '@/lib/collector/collect-cycle';
import type { ClusterState } from '@/lib/collector/snapshot';
import { createKafkaClient } from '@/lib/kafka/kafka-client';
import { runningNode } from '../../scripts/kafka/cluster';
import { LOCAL_BROKERS } from '../../scripts/kafka/layout';

export { LOCAL_BROKERS };
export { runKafkaTool, startKafkaTool } from '../../scripts/kafka/tools';
export { startBroker, stopBroker, waitForBrokers } from '../../scripts/kafka/cluster';

/**
 * Freezes (SIGSTOP) or thaws (SIGCONT) a broker's process: a hung broker keeps its
 * sockets open and accepts connections, but answers nothing.
 */
export function signalBroker(nodeId: number, signal: 'SIGSTOP' | 'SIGCONT'): void {
  const pid = runningNode(nodeId)?.pid;
  if (!pid) throw new Error(`broker ${nodeId} is not running`);
  process.kill(pid, signal);
}

/** A topic or group name no other test (or earlier run) uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`;
}

/** A kafkajs client for setting up test data on the local cluster (never used by Watermark's own code paths). */
export function testKafka(clientId = 'watermark-tests'): Kafka {
  return new Kafka({ clientId, brokers: LOCAL_BROKERS, logLevel: logLevel.NOTHING });
}

/** One collection cycle with Watermark's own adapter, wrapped as the API's readers see it. */
export async function collectNow(brokers: string[] = LOCAL_BROKERS): Promise<ClusterState> {
  const client = createKafkaClient({ brokers, requestTimeoutMs: 5000 });
  try {
    const snapshot = await collectCycle(client, null);
    return {
      id: 'test',
      name: 'test',
      pollIntervalMs: 1000,
      snapshot,
      analysis: null,
      historyError: null,
      lastAttemptAt: snapshot.collectedAt,
      lastSuccessAt: snapshot.collectedAt,
      error: null,
      errorKind: null,
    };
  } finally {
    await client.close();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await sleep(500);
  }
}

/**
 * kafkajs can fail the first send right after createTopics ("This server does not host this
 * topic-partition") while the brokers' metadata catches up: retry only that, for a few seconds.
 */
export async function sendWithRetry(producer: Producer, record: ProducerRecord): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await producer.send(record);
      return;
    } catch (error) {
      const text = `${String(error)} ${String((error as { cause?: unknown }).cause)}`;
      const notYet = /does not host this topic-partition|no leader for this topic-partition/i.test(text);
      if (!notYet || Date.now() > deadline) throw error;
      await sleep(300);
    }
  }
}
