/**
 * Every replica serves every cluster: the lease holder reads the local Kafka cluster and
 * publishes each cycle to a real PostgreSQL; a replica without the lease runs the same
 * cluster loop on what was published. Both state stores then hold the same snapshot (the
 * same collectedAt, brokers, topics and group lag), and the follower sends no Kafka
 * request. Once the lease is taken over, the old holder's publishes are refused.
 */
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterSummary } from '@/lib/api/views/cluster-views';
import type { ClusterLoop } from '@/lib/collector/cluster-loop';
import { createAnalyzer, startClusterPipeline } from '@/lib/collector/cluster-pipeline';
import { kafkaCycleReader } from '@/lib/collector/cycle-reader';
import { ClusterStateStore } from '@/lib/collector/state-store';
import { ClusterConfig } from '@/lib/config/schema';
import { createKafkaClient } from '@/lib/kafka/kafka-client';
import { ClusterLeases, LeaseLostError, type Lease } from '@/lib/replicas/cluster-leases';
import { FencedDatabase } from '@/lib/replicas/fenced-database';
import { followerCycleReader, LatestCycles, publishingReader } from '@/lib/replicas/latest-cycles';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { usePostgres } from '../helpers/postgres-fixture';
import { eventually, LOCAL_BROKERS, sendWithRetry, sleep, uniqueName } from '../helpers/local-cluster';

const PG_PORT = 17437;
const CLUSTER_ID = uniqueName('shared');
const POLL_MS = 1000;

describe('the latest cycle shared through PostgreSQL', { timeout: 120_000 }, () => {
  const fixture = useKafkaFixture('latest-cycles');
  const postgres = usePostgres(PG_PORT);
  const database = () => postgres.database();
  let pool: Pool;
  const loops: ClusterLoop[] = [];

  beforeAll(async () => {
    pool = postgres.pool();
    await new ClusterLeases(pool).migrate();
  });

  afterAll(async () => {
    await Promise.all(loops.map((loop) => loop.stop()));
  });

  it('gives a replica without the lease the holder’s snapshot, and refuses the holder once it lost the lease', async () => {
    const topic = await fixture.createTopic(3);
    const groupId = uniqueName('shared-group');
    await sendWithRetry(fixture.producer, { topic, messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    await fixture.admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] });

    const cluster = ClusterConfig.parse({ id: CLUSTER_ID, brokers: LOCAL_BROKERS, pollIntervalMs: POLL_MS });
    const leases = new ClusterLeases(pool);
    let lease: Lease | null = await leases.claim(CLUSTER_ID, 'replica-a', 2000);
    const holderLatest = new LatestCycles(new FencedDatabase(database(), CLUSTER_ID, () => lease));
    const publishErrors: unknown[] = [];
    const client = createKafkaClient({ brokers: LOCAL_BROKERS, requestTimeoutMs: 5000 });
    const analyzer = createAnalyzer({ cluster, client });
    const holderStore = new ClusterStateStore();
    holderStore.register(CLUSTER_ID, CLUSTER_ID, POLL_MS);
    const holder = startClusterPipeline({
      cluster,
      reader: publishingReader(
        kafkaCycleReader(client, (snapshot) => analyzer.analyze(snapshot)),
        (read) => holderLatest.publish(CLUSTER_ID, read, Date.now()),
        (error) => publishErrors.push(error),
      ),
      store: holderStore,
      history: null,
    });
    loops.push(holder);

    const followerStore = new ClusterStateStore();
    followerStore.register(CLUSTER_ID, CLUSTER_ID, POLL_MS);
    const followerReader = followerCycleReader(new LatestCycles(database()), CLUSTER_ID, {
      checkMs: 100,
      waitMs: POLL_MS,
    });
    const follower = startClusterPipeline({ cluster, reader: followerReader, store: followerStore, history: null });
    loops.push(follower);

    // Both show the same cycle: compared once the follower has caught up with a holder cycle.
    const same = await eventually(async () => {
      const held = holderStore.get(CLUSTER_ID)!;
      const followed = followerStore.get(CLUSTER_ID)!;
      const heldAt = held.snapshot?.collectedAt;
      return heldAt && heldAt === followed.snapshot?.collectedAt ? { held, followed } : undefined;
    }, 'the follower to show the holder’s latest cycle');
    expect(clusterSummary(same.followed)).toEqual(clusterSummary(same.held));
    expect(same.followed.snapshot).toEqual(same.held.snapshot);
    // The analysis too (rates, lag, retention risk): the group committed on one partition is in both.
    expect(same.followed.analysis).toEqual(same.held.analysis);
    expect(same.held.analysis?.groups.get(groupId)?.partitions.size).toBe(1);
    expect(follower.stats().requests).toBe(0);
    expect(publishErrors).toEqual([]);

    expect(holder.stats().requests).toBeGreaterThan(0);

    // The holder stalls past its lease and another replica takes the cluster: its publishes are refused.
    await sleep(2200);
    expect(await leases.claim(CLUSTER_ID, 'replica-b', 30_000)).toMatchObject({ owner: 'replica-b' });
    await eventually(async () => (publishErrors.length > 0 ? true : undefined), 'a refused publish');
    expect(publishErrors[0]).toBeInstanceOf(LeaseLostError);
    await sleep(POLL_MS);
    const seqAfterRefusal = followerReader.lastSeq();
    await sleep(2 * POLL_MS);
    expect(followerReader.lastSeq()).toBe(seqAfterRefusal);
    expect(publishErrors.length).toBeGreaterThanOrEqual(2);
    lease = null;
    await holder.stop();
    await client.close();
  });
});
