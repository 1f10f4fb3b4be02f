/**
 * The local test cluster, as seen from tests.
 */
import crypto from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { LOCAL_BROKERS } from '../../scripts/kafka/layout';

export { LOCAL_BROKERS };
export { runKafkaTool } from '../../scripts/kafka/tools';
export { startBroker, stopBroker, waitForBrokers } from '../../scripts/kafka/cluster';

/** A topic or group name no other test (or earlier run) uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`;
}

/** A kafkajs client for setting up test data on the local cluster (never used by Watermark's own code paths). */
export function testKafka(): Kafka {
  return new Kafka({ clientId: 'watermark-tests', brokers: LOCAL_BROKERS, logLevel: logLevel.NOTHING });
}
