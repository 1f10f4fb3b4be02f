/**
 * A cycle that could not read every partition (a broker down, its partitions offline)
 * must not be drawn as a drop in lag: the group's and the cluster's history samples for
 * that cycle are partial, charts show a gap, the live totals say "at least", and the
 * Prometheus group sums are left out rather than shrunk.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { clusterSummary } from '@/lib/api/views/cluster-views';
import { historyRecord } from '@/lib/collector/history-record';
import type { ClusterState } from '@/lib/collector/snapshot';
import { chartPoints } from '@/lib/history/chart-points';
import { AGGREGATE_FLAGS } from '@/lib/history/cycle-record';
import { openHistoryDatabase } from '@/lib/history/database';
import { HistoryReader } from '@/lib/history/history-reader';
import { HistoryWriter } from '@/lib/history/history-writer';
import { metricsText } from '@/lib/metrics/read-metrics';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, sendWithRetry, startBroker, stopBroker, uniqueName } from '../helpers/local-cluster';
import { startTestPipeline, viewOfGroup } from '../helpers/test-pipeline';

describe('a cycle with partitions that could not be read', () => {
  const fixture = useKafkaFixture('partial-cycle');
  afterAll(() => startBroker(3, () => undefined));

  it('is a gap in the group and cluster history, "at least" live, and no shrunken sum in the metrics', async () => {
    // One partition per broker: with broker 3 down, partition 2 has no leader and no offsets.
    const topic = await fixture.createTopicWith({
      replicaAssignment: [0, 1, 2].map((partition) => ({ partition, replicas: [partition + 1] })),
    });
    await sendWithRetry(fixture.producer, {
      topic,
      messages: [0, 1, 2].flatMap((partition) =>
        Array.from({ length: 100 }, (_, i) => ({ partition, value: `m${i}` })),
      ),
    });
    const groupId = uniqueName('stopped');
    await fixture.admin.setOffsets({
      groupId,
      topic,
      partitions: [0, 1, 2].map((partition) => ({ partition, offset: '0' })),
    });

    const db = openHistoryDatabase(':memory:');
    const writer = new HistoryWriter(db, 'test');
    const pipeline = startTestPipeline();
    const record = (state: ClusterState) => {
      const cycle = historyRecord(state.snapshot!, state.analysis);
      writer.append(cycle);
      return cycle;
    };
    const groupRow = (state: ClusterState) =>
      record(state).groupTopics.find((r) => r.groupId === groupId && r.topic === topic)!;
    try {
      const whole = await pipeline.cycle();
      expect(groupRow(whole)).toMatchObject({ lag: 300, flags: 0 });
      expect(viewOfGroup(whole, groupId)).toMatchObject({ totalLag: 300, totalLagLowerBound: false });

      await stopBroker(3, () => undefined);
      const broken = await eventually(async () => {
        const state = await pipeline.cycle();
        return state.snapshot!.offsets.some((o) => o.topic === topic && o.partition === 2) ? undefined : state;
      }, 'partition 2 to go unread');
      // Before: lag 200 was written for this cycle, a drop of a third that never happened.
      const brokenRow = record(broken).groupTopics.find((r) => r.groupId === groupId && r.topic === topic)!;
      expect(brokenRow.flags & AGGREGATE_FLAGS.partial).toBeTruthy();
      expect(brokenRow.lag).toBeNull();
      expect(record(broken).cluster.lag).toBeNull();
      const view = viewOfGroup(broken, groupId);
      expect(view).toMatchObject({ totalLag: 200, totalLagLowerBound: true });
      const summary = clusterSummary(broken);
      expect(summary.unreadPartitions).toBeGreaterThanOrEqual(1);
      expect(summary.totalLagLowerBound).toBe(true);
      const metrics = metricsText([broken], broken.snapshot!.collectedAt);
      expect(metrics).not.toMatch(new RegExp(`kafka_consumergroup_group_sum_lag\\{[^}]*group="${groupId}"`));
      expect(metrics).toMatch(new RegExp(`kafka_consumergroup_group_lag\\{[^}]*group="${groupId}"`));

      await startBroker(3, () => undefined);
      const back = await eventually(async () => {
        const state = await pipeline.cycle();
        return state.snapshot!.offsets.some((o) => o.topic === topic && o.partition === 2) ? state : undefined;
      }, 'partition 2 to be read again');
      expect(groupRow(back)).toMatchObject({ lag: 300, flags: 0 });

      // What the chart draws: 300, a gap, 300; never 200.
      const reader = new HistoryReader(db, 'test', writer.head);
      const [series] = reader.aggregates('group-topic', { groupId }, 0, Date.now());
      const points = chartPoints([series.rows], series.rows[0].t - 100, series.rows.at(-1)!.t + 100, 100);
      const lags = points.flatMap((p) => (p.lag === null && !p.partial ? [] : [p.lag]));
      expect(lags).not.toContain(200);
      expect(lags[0]).toBe(300);
      expect(lags.at(-1)).toBe(300);
      expect(lags).toContain(null);
    } finally {
      await pipeline.stop();
      db.close();
    }
  });
});
