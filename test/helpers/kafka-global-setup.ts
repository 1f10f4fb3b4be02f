/**
 * Makes sure the local 3-broker cluster is up before integration and browser tests, and
 * that a fresh one has settled: its group coordinators exist and have loaded (the
 * offsets topic is made at the first group request, and loads for seconds), so that no
 * test's first group races the cluster's own start. A cluster that is already running
 * is reused and left running.
 */
import { Kafka, logLevel } from 'kafkajs';
import { up } from '../../scripts/kafka/cluster';
import { LOCAL_BROKERS } from '../../scripts/kafka/layout';

const SETTLE_TIMEOUT_MS = 120_000;

/** Every partition of the offsets topic led and fully in sync, and every broker answering ListGroups. */
async function settled(admin: ReturnType<Kafka['admin']>): Promise<string | null> {
  // FindCoordinator makes the offsets topic when it is missing; reading offsets writes nothing.
  await admin.fetchOffsets({ groupId: 'watermark-tests-settle', topics: [] });
  const { topics } = await admin.fetchTopicMetadata({ topics: ['__consumer_offsets'] });
  const partitions = topics[0]?.partitions ?? [];
  const unsettled = partitions.filter((p) => p.leader < 0 || p.isr.length < p.replicas.length);
  if (partitions.length === 0 || unsettled.length > 0) {
    return `__consumer_offsets: ${unsettled.length} of ${partitions.length} partitions without a leader or a full ISR`;
  }
  await admin.listGroups(); // fails while a coordinator still loads
  return null;
}

export default async function setup(): Promise<void> {
  await up(() => undefined);
  const kafka = new Kafka({ brokers: LOCAL_BROKERS, logLevel: logLevel.NOTHING, retry: { retries: 2 } });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    let why: string | null = 'not asked yet';
    while (why !== null) {
      try {
        why = await settled(admin);
      } catch (error) {
        why = (error as Error).message;
      }
      if (why === null) break;
      if (Date.now() > deadline)
        throw new Error(`the local cluster did not settle in ${SETTLE_TIMEOUT_MS / 1000} s: ${why}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await admin.disconnect();
  }
}
