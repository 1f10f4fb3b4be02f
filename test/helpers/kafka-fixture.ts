/**
 * A kafkajs client, admin and producer connected for a test file, and the topics it creates,
 * deleted when the file's tests are done.
 */
import type { Admin, ITopicConfig, Kafka, Producer } from 'kafkajs';
import { afterAll, beforeAll } from 'vitest';
import { eventually, testKafka, uniqueName } from './local-cluster';

export interface KafkaFixture {
  /** The client, admin and producer: available once the file's beforeAll hooks have run. */
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly producer: Producer;
  /** A topic with a unique name, `partitions` partitions on all 3 brokers and the given topic configs. */
  createTopic(partitions: number, configs?: Record<string, string>): Promise<string>;
  /** A topic with a unique name and these settings (for replica assignments, say). */
  createTopicWith(settings: Omit<ITopicConfig, 'topic'>): Promise<string>;
}

/** Registers the hooks that connect before the tests of the calling `describe` and clean up after them. */
export function useKafkaFixture(topicPrefix: string): KafkaFixture {
  let kafka: Kafka | undefined;
  let admin: Admin | undefined;
  let producer: Producer | undefined;
  const created: string[] = [];

  function ready<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`the Kafka fixture's ${what} is used before beforeAll connected it`);
    return value;
  }

  beforeAll(async () => {
    kafka = testKafka();
    const connecting = kafka.admin();
    await connecting.connect();
    admin = connecting;
    const producing = kafka.producer();
    await producing.connect();
    producer = producing;
  });

  afterAll(async () => {
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: created }).catch(() => undefined);
    await admin?.disconnect();
  });

  async function createTopicWith(settings: Omit<ITopicConfig, 'topic'>): Promise<string> {
    const topic = uniqueName(topicPrefix);
    created.push(topic);
    const client = ready(admin, 'admin');
    try {
      await client.createTopics({ topics: [{ topic, ...settings }], waitForLeaders: true });
    } catch (error) {
      // kafkajs waits for the leaders by retrying LEADER_NOT_AVAILABLE only; a broker that has
      // not yet heard of the new topic answers UNKNOWN_TOPIC_OR_PARTITION, and the topic is there.
      if (!/does not host this topic-partition/.test(String(error))) throw error;
      await eventually(async () => {
        const { topics } = await client.fetchTopicMetadata({ topics: [topic] }).catch(() => ({ topics: [] }));
        const partitions = topics[0]?.partitions ?? [];
        return partitions.length > 0 && partitions.every((p) => p.leader >= 0) ? true : undefined;
      }, `leaders for the new topic ${topic}`);
    }
    return topic;
  }

  return {
    get kafka() {
      return ready(kafka, 'client');
    },
    get admin() {
      return ready(admin, 'admin');
    },
    get producer() {
      return ready(producer, 'producer');
    },
    createTopic: (partitions, configs = {}) =>
      createTopicWith({
        numPartitions: partitions,
        replicationFactor: 3,
        configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })),
      }),
    createTopicWith,
  };
}
