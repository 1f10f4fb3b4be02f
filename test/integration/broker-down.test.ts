/**
 * With one broker stopped: it shows as down, under-replicated partitions match
 * kafka-topics --under-replicated-partitions, offline partitions are counted, and
 * the rest of the cycle still completes.
 */
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokersView, clusterSummary } from '@/lib/api/views/cluster-views';
import { collectNow, eventually, startBroker, stopBroker, testKafka, uniqueName } from '../helpers/local-cluster';
import { partitionsListedByTool } from '../helpers/kafka-tool-readings';

describe('a broker down', () => {
  let admin: Admin;
  const replicated = uniqueName('urp');
  const single = uniqueName('rf1');

  beforeAll(async () => {
    admin = testKafka().admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic: replicated, numPartitions: 3, replicationFactor: 3 },
        // One partition living only on broker 3: offline while it is down.
        { topic: single, replicaAssignment: [{ partition: 0, replicas: [3] }] },
      ],
      waitForLeaders: true,
    });
  });

  afterAll(async () => {
    await startBroker(3, () => undefined);
    await admin.deleteTopics({ topics: [replicated, single] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('shows the broker down and counts under-replicated and offline partitions as kafka-topics does', async () => {
    const before = clusterSummary(await collectNow());
    expect(before.brokersUp).toBe(3);

    await stopBroker(3, () => undefined);
    const toolUnder = await eventually(async () => {
      const listed = await partitionsListedByTool('--under-replicated-partitions', [replicated]);
      return listed.length === 3 ? listed : undefined;
    }, 'the ISR to shrink');
    const toolOffline = await partitionsListedByTool('--unavailable-partitions', [single]);

    const state = await collectNow();
    const snapshot = state.snapshot!;
    const oursUnder = snapshot.topics
      .filter((t) => t.name === replicated)
      .flatMap((t) =>
        t.partitions.filter((p) => p.isr.length < p.replicas.length).map((p) => `${t.name}-${p.partition}`),
      )
      .sort();
    expect(oursUnder).toEqual(toolUnder);
    const oursOffline = snapshot.topics
      .filter((t) => t.name === single)
      .flatMap((t) => t.partitions.filter((p) => p.leader < 0).map((p) => `${t.name}-${p.partition}`));
    expect(oursOffline).toEqual(toolOffline);
    expect(oursOffline).toEqual([`${single}-0`]);

    const brokers = brokersView(state).brokers;
    expect(brokers.map((b) => [b.id, b.reachable])).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
    const summary = clusterSummary(state);
    expect(summary.status).toBe('degraded');
    expect(summary.underReplicatedPartitions).toBeGreaterThan(before.underReplicatedPartitions);
    expect(summary.offlinePartitions).toBeGreaterThanOrEqual(1);
    // The rest of the cycle still completed: offsets of the surviving partitions were read.
    expect(snapshot.offsets.filter((o) => o.topic === replicated)).toHaveLength(3);

    await startBroker(3, () => undefined);
    const after = await eventually(async () => {
      const s = clusterSummary(await collectNow());
      return s.brokersUp === 3 && s.offlinePartitions === before.offlinePartitions ? s : undefined;
    }, 'broker 3 to rejoin');
    expect(after.status).toBe('ok');
  });
});
