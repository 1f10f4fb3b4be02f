/**
 * The demo traffic: creates the topics and stopped groups, then runs one producer loop
 * per topic and the two live consumer groups, each recovering by itself from a broker
 * outage (see producer-loop.ts and consumer-loop.ts).
 */
import { ConfigResourceTypes, Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { startConsumerLoop, type ConsumerLoop } from './consumer-loop';
import type { WorkloadOptions } from './options';
import { payload, startProducerLoop, type ProducerLoop } from './producer-loop';
import { DEMO_NAMES, ensureStoppedGroup, ensureTopics, plantMalformedRecord, type WorkloadNames } from './topics';

const HOT_KEY = 'customer-0007';

export type TopicCase = keyof WorkloadNames['topics'];
type LiveGroup = 'ordersBilling' | 'paymentsLedger' | 'paymentsFraudCheck';

export interface Workload {
  /** Messages acknowledged and skipped per topic case, and the live groups' progress. */
  stats(): {
    producers: Record<TopicCase, { delivered: number; skipped: number }>;
    consumers: Record<LiveGroup, { consumed: number; replacements: number }>;
  };
  /** Stops every loop and closes every client within about `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

function throttledLogger(log: (line: string) => void, prefix: string, intervalMs = 10_000) {
  let last = 0;
  return (error: Error) => {
    if (Date.now() - last < intervalMs) return;
    last = Date.now();
    log(`${prefix}: ${error.message}`);
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

async function setUp(kafka: Kafka, options: WorkloadOptions, names: WorkloadNames, log: (line: string) => void) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const created = await retry(() => ensureTopics(admin, options, names));
    if (created.length > 0) log(`Created topics: ${created.join(', ')}`);
    // Right after the first topic is created the group coordinator may still be moving; retry.
    await retry(() => ensureStoppedGroup(admin, names.groups.clickstreamArchiver, names.topics.clickstream, false));
    await retry(() => ensureStoppedGroup(admin, names.groups.auditReplayer, names.topics.audit, true));
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      const planted = await retry(() =>
        plantMalformedRecord(admin, producer, names.groups.paymentsFraudCheck, names.topics.payments),
      );
      if (planted)
        log(`Wrote a malformed record to ${names.topics.payments}: ${names.groups.paymentsFraudCheck} stops on it`);
    } finally {
      await producer.disconnect();
    }
  } finally {
    await admin.disconnect();
  }
}

/** Six hours: what the scheduled config change sets clickstream's retention.ms to, every other time. */
const SHORT_RETENTION_MS = String(6 * 3600_000);

/**
 * A config change now and then, as teams make them (someone shortens a retention): the
 * clickstream topic's retention.ms alternates between 6 hours and the broker's default.
 * Returns the function that stops it.
 */
function scheduleConfigChanges(kafka: Kafka, topic: string, minutes: number, log: (line: string) => void): () => void {
  if (minutes <= 0) return () => undefined;
  let short = false;
  const change = async () => {
    short = !short;
    const admin = kafka.admin();
    try {
      await admin.connect();
      // alterConfigs replaces the topic's overrides: this topic has no others.
      const configEntries = short ? [{ name: 'retention.ms', value: SHORT_RETENTION_MS }] : [];
      await admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries }],
      });
      log(`Config change: ${topic} retention.ms ${short ? 'set to 6 hours' : 'back to the broker default'}`);
    } catch (error) {
      log(`Config change on ${topic} failed: ${(error as Error).message}`);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  };
  let timer = setTimeout(function next() {
    void change();
    timer = setTimeout(next, minutes * 60_000);
  }, 2 * 60_000);
  return () => clearTimeout(timer);
}

/** What each topic carries: its rate and the n-th message. */
function traffic(options: WorkloadOptions) {
  const now = () => new Date().toISOString();
  return {
    orders: {
      rate: options.ordersRate,
      message: (n: number) => {
        // Key skew: a share of all orders comes from one customer, so one partition runs hot.
        const key = Math.random() < options.hotKeyShare ? HOT_KEY : `customer-${String(n % 997).padStart(4, '0')}`;
        return { key, value: payload({ order: n, customer: key, at: now() }) };
      },
    },
    payments: {
      rate: options.paymentsRate,
      message: (n: number) => ({ key: `payment-${n}`, value: payload({ payment: n, at: now() }) }),
    },
    clickstream: {
      rate: options.clickstreamRate,
      message: (n: number) => ({ value: payload({ click: n, at: now() }, 500) }),
    },
    audit: { rate: options.auditRate, message: (n: number) => ({ value: payload({ audit: n, at: now() }, 1000) }) },
    scratch: { rate: options.scratchRate, message: (n: number) => ({ value: payload({ scratch: n }) }) },
  } satisfies Record<TopicCase, unknown>;
}

export async function startWorkload(
  options: WorkloadOptions,
  names: WorkloadNames = DEMO_NAMES,
  log: (line: string) => void = console.error,
): Promise<Workload> {
  const kafka = new Kafka({
    clientId: 'watermark-workload',
    brokers: options.brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
  });
  await setUp(kafka, options, names, log);

  const connectProducer = async (): Promise<Producer> => {
    const producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      // Leaders that move back to a returning broker are picked up within seconds.
      metadataMaxAge: 10_000,
      retry: { retries: 3, maxRetryTime: 2_000 },
    });
    await producer.connect();
    return producer;
  };
  const producers = Object.fromEntries(
    Object.entries(traffic(options)).map(([key, { rate, message }]) => [
      key,
      startProducerLoop({
        topic: names.topics[key as TopicCase],
        ratePerSecond: rate,
        makeMessage: message,
        connect: connectProducer,
        onError: throttledLogger(log, `${key} producer`),
      }),
    ]),
  ) as Record<TopicCase, ProducerLoop>;

  const consumer = (
    groupId: string,
    key: TopicCase,
    ratePerSecond: number | null,
    parse?: (v: Buffer | null) => void,
  ) =>
    startConsumerLoop({
      topic: names.topics[key],
      ratePerSecond,
      make: () => kafka.consumer({ groupId, sessionTimeout: 20_000, heartbeatInterval: 3_000 }),
      produced: () => producers[key].delivered(),
      onError: throttledLogger(log, `${groupId} consumer`),
      parse,
    });
  const consumers: Record<LiveGroup, ConsumerLoop> = {
    ordersBilling: consumer(names.groups.ordersBilling, 'orders', null),
    paymentsLedger: consumer(names.groups.paymentsLedger, 'payments', options.paymentsConsumeRate),
    paymentsFraudCheck: consumer(names.groups.paymentsFraudCheck, 'payments', null, (value) => {
      JSON.parse(value?.toString('utf8') ?? 'null');
    }),
  };
  const stopConfigChanges = scheduleConfigChanges(kafka, names.topics.clickstream, options.configChangeMinutes, log);

  return {
    stats: () => ({
      producers: Object.fromEntries(
        Object.entries(producers).map(([key, loop]) => [key, { delivered: loop.delivered(), skipped: loop.skipped() }]),
      ) as ReturnType<Workload['stats']>['producers'],
      consumers: Object.fromEntries(
        Object.entries(consumers).map(([key, loop]) => [
          key,
          { consumed: loop.consumed(), replacements: loop.replacements() },
        ]),
      ) as ReturnType<Workload['stats']>['consumers'],
    }),
    async stop(timeoutMs = 5_000) {
      stopConfigChanges();
      await Promise.all([
        ...Object.values(producers).map((loop) => loop.stop(timeoutMs)),
        ...Object.values(consumers).map((loop) => loop.stop(timeoutMs)),
      ]);
    },
  };
}
