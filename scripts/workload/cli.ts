/**
 * npm run workload — demo traffic against KAFKA_BROKERS (default: the local cluster).
 * Creates the demo topics if missing and runs until Ctrl-C.
 */
import { Kafka, logLevel, Partitioners, type Consumer } from 'kafkajs';
import { LOCAL_BROKERS } from '../kafka/layout';
import { parseOptions, type WorkloadOptions } from './options';
import { payload, startProducerLoop, type ProducerLoop } from './producer-loop';
import { ensureStoppedGroup, ensureTopics, GROUPS, TOPICS } from './topics';

const HOT_KEY = 'customer-0007';

function throttledLogger(prefix: string, intervalMs = 10_000) {
  let last = 0;
  return (error: Error) => {
    if (Date.now() - last < intervalMs) return;
    last = Date.now();
    console.error(`${prefix}: ${error.message}`);
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function retry<T>(action: () => Promise<T>, attempts = 20, delayMs = 1000): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(delayMs);
    }
  }
}

async function startConsumer(
  kafka: Kafka,
  groupId: string,
  topic: string,
  ratePerSecond: number | null,
): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId, sessionTimeout: 20_000, heartbeatInterval: 3_000 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const delayMs = ratePerSecond ? 1000 / ratePerSecond : 0;
  await consumer.run({
    autoCommitInterval: 2_000,
    eachMessage: async () => {
      // A slow consumer: one message at a time, at most `ratePerSecond`.
      if (delayMs > 0) await sleep(delayMs);
    },
  });
  return consumer;
}

async function run(options: WorkloadOptions): Promise<void> {
  const kafka = new Kafka({ clientId: 'watermark-workload', brokers: options.brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const created = await ensureTopics(admin, options);
  if (created.length > 0) console.log(`Created topics: ${created.join(', ')}`);
  // Right after the first topic is created the group coordinator may still be moving; retry.
  await retry(() => ensureStoppedGroup(admin, GROUPS.clickstreamArchiver, TOPICS.clickstream, false));
  await retry(() => ensureStoppedGroup(admin, GROUPS.auditReplayer, TOPICS.audit, true));
  await admin.disconnect();

  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  const now = () => new Date().toISOString();
  const loops: ProducerLoop[] = [
    startProducerLoop(
      producer,
      TOPICS.orders,
      options.ordersRate,
      (n) => {
        // Key skew: a share of all orders comes from one customer, so one partition runs hot.
        const key = Math.random() < options.hotKeyShare ? HOT_KEY : `customer-${String(n % 997).padStart(4, '0')}`;
        return { key, value: payload({ order: n, customer: key, at: now() }) };
      },
      throttledLogger('orders producer'),
    ),
    startProducerLoop(
      producer,
      TOPICS.payments,
      options.paymentsRate,
      (n) => ({ key: `payment-${n}`, value: payload({ payment: n, at: now() }) }),
      throttledLogger('payments producer'),
    ),
    startProducerLoop(
      producer,
      TOPICS.clickstream,
      options.clickstreamRate,
      (n) => ({ value: payload({ click: n, at: now() }, 500) }),
      throttledLogger('clickstream producer'),
    ),
    startProducerLoop(
      producer,
      TOPICS.audit,
      options.auditRate,
      (n) => ({ value: payload({ audit: n, at: now() }, 1000) }),
      throttledLogger('audit producer'),
    ),
    startProducerLoop(
      producer,
      TOPICS.scratch,
      options.scratchRate,
      (n) => ({ value: payload({ scratch: n }) }),
      throttledLogger('scratch producer'),
    ),
  ];
  const consumers = await Promise.all([
    startConsumer(kafka, GROUPS.ordersBilling, TOPICS.orders, null),
    startConsumer(kafka, GROUPS.paymentsLedger, TOPICS.payments, options.paymentsConsumeRate),
  ]);
  console.log(
    `Workload running against ${options.brokers.join(',')}: orders ${options.ordersRate}/s, payments ${options.paymentsRate}/s (consumed at ${options.paymentsConsumeRate}/s), clickstream ${options.clickstreamRate}/s, audit ${options.auditRate}/s, scratch ${options.scratchRate}/s. Ctrl-C stops.`,
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping workload...');
    await Promise.all(loops.map((loop) => loop.stop()));
    await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
    await producer.disconnect().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

try {
  const options = parseOptions(process.argv.slice(2), LOCAL_BROKERS);
  run(options).catch((error: Error) => {
    console.error(`workload: ${error.message}`);
    process.exit(1);
  });
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
