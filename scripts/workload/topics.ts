/**
 * The demo topics and groups, each making one case the dashboard must explain.
 */
import type { Admin, ITopicConfig, Producer } from 'kafkajs';
import type { WorkloadOptions } from './options';

export const TOPICS = {
  orders: 'demo.orders',
  payments: 'demo.payments',
  clickstream: 'demo.clickstream',
  audit: 'demo.audit-log',
  scratch: 'demo.scratch',
} as const;

export const GROUPS = {
  /** Keeps up with demo.orders. */
  ordersBilling: 'orders-billing',
  /** Slower than the demo.payments producer: lag grows steadily. */
  paymentsLedger: 'payments-ledger',
  /** Committed once, then no members: lag grows while nobody consumes. */
  clickstreamArchiver: 'clickstream-archiver',
  /** Stopped at the start of a short-retention topic: retention overtakes it (data loss). */
  auditReplayer: 'audit-replayer',
  /**
   * Parses every payment and cannot parse one malformed record on one partition: it stays on
   * it (STALL) while its other partitions keep up. The stuck-record panel's case.
   */
  paymentsFraudCheck: 'payments-fraud-check',
} as const;

/** The partition of demo.payments that holds the malformed record. */
export const MALFORMED_PARTITION = 2;

/** The names the workload uses: the demo's, or others (tests run it on unique names). */
export interface WorkloadNames {
  topics: Record<keyof typeof TOPICS, string>;
  groups: Record<keyof typeof GROUPS, string>;
}

export const DEMO_NAMES: WorkloadNames = { topics: TOPICS, groups: GROUPS };

export function topicSpecs(options: WorkloadOptions, names: WorkloadNames = DEMO_NAMES): ITopicConfig[] {
  const topics = names.topics;
  return [
    { topic: topics.orders, numPartitions: 12, replicationFactor: 3 },
    { topic: topics.payments, numPartitions: 6, replicationFactor: 3 },
    { topic: topics.clickstream, numPartitions: 6, replicationFactor: 3 },
    {
      topic: topics.audit,
      numPartitions: 3,
      replicationFactor: 3,
      configEntries: [
        { name: 'retention.ms', value: String(options.auditRetentionMs) },
        // Small segments roll often, so retention can delete whole segments within minutes.
        { name: 'segment.ms', value: '20000' },
        { name: 'segment.bytes', value: String(1024 * 1024) },
      ],
    },
    { topic: topics.scratch, numPartitions: 3, replicationFactor: 1 },
  ];
}

/** Creates the demo topics that are missing; returns the names it created. */
export async function ensureTopics(
  admin: Admin,
  options: WorkloadOptions,
  names: WorkloadNames = DEMO_NAMES,
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = topicSpecs(options, names).filter((spec) => !existing.has(spec.topic));
  if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
  return missing.map((spec) => spec.topic);
}

/**
 * The first time only (the group has no commits yet): commits the group at the log end, then
 * writes one malformed JSON record on MALFORMED_PARTITION, so that the group's committed
 * offset there is the record it will fail on.
 */
export async function plantMalformedRecord(admin: Admin, producer: Producer, groupId: string, topic: string) {
  const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
  if (committed.some((t) => t.partitions.some((p) => Number(p.offset) >= 0))) return false;
  await ensureStoppedGroup(admin, groupId, topic, false);
  await producer.send({
    topic,
    messages: [
      {
        partition: MALFORMED_PARTITION,
        key: 'payment-malformed',
        // Cut off mid-object, as a producer that crashed while writing would leave it.
        value: '{"payment": 90210, "amount": 129.5, "card": "4111 1111 1111 1111", "items": [',
        headers: { 'content-type': 'application/json', 'trace-id': '7f3c9a2e41d8' },
      },
    ],
  });
  return true;
}

/**
 * Gives a stopped group committed offsets the first time only (at the log end, or at
 * the log start with `fromStart`), so restarting the workload never resets its lag.
 */
export async function ensureStoppedGroup(
  admin: Admin,
  groupId: string,
  topic: string,
  fromStart: boolean,
): Promise<void> {
  const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
  const hasCommits = committed.some((t) => t.partitions.some((p) => Number(p.offset) >= 0));
  if (hasCommits) return;
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.setOffsets({
    groupId,
    topic,
    partitions: offsets.map((o) => ({ partition: o.partition, offset: fromStart ? o.low : o.high })),
  });
}
