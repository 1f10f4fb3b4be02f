/**
 * The project's own 3-broker cluster: what every other integration test stands on.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createKafkaClient } from '@/lib/kafka/kafka-client';
import { LOCAL_BROKERS, runKafkaTool, startBroker, stopBroker, testKafka, uniqueName } from '../helpers/local-cluster';

/** Broker ids in `kafka-log-dirs --describe` JSON output (one entry per broker that answered). */
async function brokerIdsFromLogDirsTool(): Promise<number[]> {
  const { stdout } = await runKafkaTool('kafka-log-dirs', ['--describe']);
  const json = stdout.split('\n').find((line) => line.trim().startsWith('{'));
  const parsed = JSON.parse(json ?? '{}') as { brokers?: { broker: number }[] };
  return (parsed.brokers ?? []).map((b) => b.broker).sort();
}

/** Brokers in the cluster metadata, through Watermark's own adapter. */
async function describeBrokers(brokers: string[]) {
  const client = createKafkaClient({ brokers, requestTimeoutMs: 5000 });
  try {
    return (await client.metadata()).brokers.map(({ id, host, port }) => ({ id, host, port }));
  } finally {
    await client.close();
  }
}

describe('the local cluster', () => {
  afterAll(async () => {
    await startBroker(3, () => undefined);
  });

  it('has three brokers on 19092-19094, as Kafka’s own tool reports', async () => {
    const brokers = await describeBrokers(LOCAL_BROKERS);
    expect(brokers).toEqual([
      { id: 1, host: '127.0.0.1', port: 19092 },
      { id: 2, host: '127.0.0.1', port: 19093 },
      { id: 3, host: '127.0.0.1', port: 19094 },
    ]);
    expect(await brokerIdsFromLogDirsTool()).toEqual([1, 2, 3]);
  });

  it('keeps serving on two brokers when one stops, and takes it back when it restarts', async () => {
    const topic = uniqueName('fault');
    const kafka = testKafka();
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    try {
      await stopBroker(3, () => undefined);
      const twoBrokers = await describeBrokers(LOCAL_BROKERS);
      expect(twoBrokers.map((b) => b.id)).toEqual([1, 2]);
      // min.insync.replicas=2 with acks=all: still writable with one broker down.
      await producer.send({ topic, acks: -1, messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
      const offsets = await admin.fetchTopicOffsets(topic);
      expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(3);

      await startBroker(3, () => undefined);
      const threeBrokers = await describeBrokers(LOCAL_BROKERS);
      expect(threeBrokers.map((b) => b.id)).toEqual([1, 2, 3]);
    } finally {
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});
