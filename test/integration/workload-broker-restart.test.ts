/**
 * The demo workload through a broker outage: while broker 3 is down, the topics that
 * still have leaders keep receiving messages and the live groups keep committing, even
 * though the replication-factor-1 topic has a partition without a leader; once the
 * broker is back, every topic (that partition included) and both groups move again,
 * without restarting the workload. Offsets are Kafka's, read with a separate client.
 */
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../scripts/workload/options';
import type { WorkloadNames } from '../../scripts/workload/topics';
import { startWorkload, type Workload } from '../../scripts/workload/workload';
import { eventually, LOCAL_BROKERS, startBroker, stopBroker, testKafka, uniqueName } from '../helpers/local-cluster';

const STOPPED_BROKER = 3;
/** The scratch partition that lives only on the stopped broker. */
const SCRATCH_PARTITION_ON_STOPPED = 2;

const names: WorkloadNames = {
  topics: {
    orders: uniqueName('wl-orders'),
    payments: uniqueName('wl-payments'),
    clickstream: uniqueName('wl-clickstream'),
    audit: uniqueName('wl-audit'),
    scratch: uniqueName('wl-scratch'),
  },
  groups: {
    ordersBilling: uniqueName('wl-orders-billing'),
    paymentsLedger: uniqueName('wl-payments-ledger'),
    clickstreamArchiver: uniqueName('wl-clickstream-archiver'),
    auditReplayer: uniqueName('wl-audit-replayer'),
    paymentsFraudCheck: uniqueName('wl-payments-fraud-check'),
  },
};
const REPLICATED = ['orders', 'payments', 'clickstream', 'audit'] as const;
const LIVE_GROUPS = [
  { group: names.groups.ordersBilling, topic: names.topics.orders },
  { group: names.groups.paymentsLedger, topic: names.topics.payments },
];

/** Sum of the high watermarks of a topic's partitions, as Kafka reports them. */
async function endOffsets(admin: Admin, topic: string): Promise<Map<number, number>> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map(offsets.map((o) => [o.partition, Number(o.high)]));
}

const sum = (offsets: Map<number, number>) => [...offsets.values()].reduce((a, b) => a + b, 0);

async function committed(admin: Admin, group: string, topic: string): Promise<number> {
  const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  return offsets.partitions.reduce((total, p) => total + Math.max(0, Number(p.offset)), 0);
}

/** Every replicated topic's end and each live group's commits, keyed by name. */
async function progress(admin: Admin): Promise<Record<string, number>> {
  const reading: Record<string, number> = {};
  for (const key of REPLICATED) reading[names.topics[key]] = sum(await endOffsets(admin, names.topics[key]));
  for (const { group, topic } of LIVE_GROUPS) reading[group] = await committed(admin, group, topic);
  return reading;
}

/** Waits until every name in `before` has moved past its value there. */
async function allMovedPast(admin: Admin, before: Record<string, number>, what: string, timeoutMs: number) {
  return eventually(
    async () => {
      const now = await progress(admin);
      return Object.keys(before).every((name) => now[name] > before[name]) ? now : undefined;
    },
    what,
    timeoutMs,
  );
}

describe('the demo workload through a broker restart', () => {
  const kafka = testKafka();
  // The RF-1 topic gets a client of its own: kafkajs fails a metadata refresh for every
  // topic a client knows while one of them has a partition without a leader.
  const admin = kafka.admin();
  const scratchAdmin = kafka.admin();
  let workload: Workload | undefined;

  beforeAll(async () => {
    await admin.connect();
    await scratchAdmin.connect();
    // The scratch topic with one partition on each broker, so one is sure to lose its only replica.
    await scratchAdmin.createTopics({
      topics: [
        {
          topic: names.topics.scratch,
          replicaAssignment: [
            { partition: 0, replicas: [1] },
            { partition: 1, replicas: [2] },
            { partition: SCRATCH_PARTITION_ON_STOPPED, replicas: [STOPPED_BROKER] },
          ],
        },
      ],
      waitForLeaders: true,
    });
    const options = {
      ...DEFAULT_OPTIONS,
      brokers: LOCAL_BROKERS,
      ordersRate: 20,
      paymentsRate: 10,
      paymentsConsumeRate: 5,
      clickstreamRate: 10,
      auditRate: 5,
      scratchRate: 6,
      configChangeMinutes: 0,
    };
    workload = await startWorkload(options, names, () => undefined);
  });

  afterAll(async () => {
    await workload?.stop(5_000);
    await startBroker(STOPPED_BROKER, () => undefined);
    await scratchAdmin.disconnect();
    await admin.deleteGroups(Object.values(names.groups)).catch(() => undefined);
    await admin.deleteTopics({ topics: Object.values(names.topics) }).catch(() => undefined);
    await admin.disconnect();
  });

  it('keeps the other topics and groups going while a broker is down, and resumes everywhere after', async () => {
    // Running: every topic and both groups move, the scratch partition on broker 3 included.
    const started = await allMovedPast(admin, await progress(admin), 'the workload to produce and consume', 60_000);
    const scratchBefore = await eventually(
      async () => {
        const ends = await endOffsets(scratchAdmin, names.topics.scratch);
        return [...ends.values()].every((end) => end > 0) ? ends : undefined;
      },
      'every scratch partition to receive messages',
      30_000,
    );
    expect(Object.values(started).every((value) => value > 0)).toBe(true);

    await stopBroker(STOPPED_BROKER, () => undefined);
    // Leaders move off the stopped broker; from then on the replicated topics and the groups must move on.
    const duringOutage = await allMovedPast(
      admin,
      await progress(admin),
      'the replicated topics and the live groups to move on while broker 3 is down',
      60_000,
    );
    const later = await allMovedPast(admin, duringOutage, 'them to keep moving while broker 3 is down', 60_000);
    expect(later[names.topics.orders] - duringOutage[names.topics.orders]).toBeGreaterThan(0);

    await startBroker(STOPPED_BROKER, () => undefined);
    // Back: everything moves again, the partition that lived only on broker 3 too.
    await allMovedPast(admin, later, 'the replicated topics and the live groups after broker 3 returned', 90_000);
    const scratchAfter = await eventually(
      async () => {
        const ends = await endOffsets(scratchAdmin, names.topics.scratch);
        const onStopped = ends.get(SCRATCH_PARTITION_ON_STOPPED)!;
        return onStopped > scratchBefore.get(SCRATCH_PARTITION_ON_STOPPED)! + 5 ? ends : undefined;
      },
      'the scratch partition on broker 3 to receive messages again',
      90_000,
    );
    for (const [partition, end] of scratchAfter) expect(end).toBeGreaterThan(scratchBefore.get(partition)!);

    const stats = workload!.stats();
    for (const key of REPLICATED) expect(stats.producers[key].delivered).toBeGreaterThan(0);
  }, 420_000);
});
