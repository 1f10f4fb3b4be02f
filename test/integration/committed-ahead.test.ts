/**
 * A group whose committed offsets are past the end of the log: its topic was deleted
 * and recreated. Kafka 4.x drops a deleted topic's committed offsets, so the group
 * commits its old positions again on the new topic, as a consumer that still holds
 * them (or a restore of saved offsets) does. kafka-consumer-groups prints a negative
 * lag; Watermark must not call that OK or "caught up", nor export lag 0: the status is
 * AHEAD, the committed-ahead rule warns that the consumer will reset, and Prometheus
 * gets the distance ahead instead of a lag.
 */
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { AlertPolicy } from '@/lib/alerts/alert-policy';
import { evaluateRules } from '@/lib/alerts/evaluate-rules';
import { metricsText } from '@/lib/metrics/read-metrics';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { describeGroupWithTool } from '../helpers/kafka-tool-readings';
import { eventually, sendWithRetry, uniqueName } from '../helpers/local-cluster';
import { startTestPipeline, viewOfGroup } from '../helpers/test-pipeline';

describe('a group committed ahead of the end of a recreated topic', { timeout: 120_000 }, () => {
  const fixture = useKafkaFixture('committed-ahead');

  it('is AHEAD, not caught up, raises committed-ahead, and exports no lag for those partitions', async () => {
    const topic = await fixture.createTopic(3);
    const groupId = uniqueName('committed-ahead');
    // Partitions 0 and 1 get 5 and 3 messages, read to the end; partition 2 stays empty.
    const written = [5, 3, 0];
    for (const [partition, count] of written.entries()) {
      if (count === 0) continue;
      const messages = Array.from({ length: count }, (_, i) => ({ partition, value: `m${i}` }));
      await sendWithRetry(fixture.producer, { topic, messages });
    }
    const commitAtEnd = () =>
      fixture.admin.setOffsets({
        groupId,
        topic,
        partitions: written.map((offset, partition) => ({ partition, offset: String(offset) })),
      });
    await commitAtEnd();

    await fixture.admin.deleteTopics({ topics: [topic] });
    await eventually(
      () =>
        fixture.admin
          .createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true })
          .then(
            () => true,
            () => undefined, // still being deleted
          ),
      'the topic to be recreated',
    );
    await commitAtEnd();
    // One new message on partition 1: its end is 1, still below the committed 3.
    await sendWithRetry(fixture.producer, { topic, messages: [{ partition: 1, value: 'new' }] });

    const pipeline = startTestPipeline({ windowSize: 3 });
    try {
      for (let cycle = 0; cycle < 3; cycle++) {
        const state = await pipeline.cycle();
        const view = viewOfGroup(state, groupId);
        expect(view.status).toBe('AHEAD');
        expect(view.catchUpSeconds).toBeUndefined(); // not "caught up"
        expect(view.partitions.map((p) => [p.partition, p.committedAheadOfEnd, p.status, p.timeLagSeconds])).toEqual([
          [0, true, 'AHEAD', null],
          [1, true, 'AHEAD', null],
          [2, false, 'OK', 0],
        ]);

        const found = evaluateRules(state, AlertPolicy.of({ forSeconds: 0 })).filter(
          (c) => c.subject.group === groupId,
        );
        expect(found.map((c) => c.rule)).toEqual(['group-committed-ahead']);
        expect(found[0]).toMatchObject({ severity: 'warning', value: 2, threshold: 0, subject: { topic } });
        expect(found[0].message).toMatch(/OFFSET_OUT_OF_RANGE/);
        expect(found[0].message).toMatch(/auto\.offset\.reset/);
      }

      const state = await pipeline.cycle();
      // The committed offsets and ends are the tool's; its negative lag is how far ahead they are.
      const tool = await describeGroupWithTool(groupId);
      const view = viewOfGroup(state, groupId);
      expect(tool.map((r) => [r.partition, r.committedOffset, r.highWatermark])).toEqual(
        view.partitions.map((p) => [p.partition, p.committedOffset, p.highWatermark]),
      );
      expect(tool.map((r) => r.lag)).toEqual([-5, -2, 0]);

      const metrics = parsePrometheusTextFormat(metricsText([state], state.snapshot!.collectedAt));
      const ofGroup = (name: string) =>
        (metrics.find((f) => f.name === name)?.metrics ?? []).filter((m) => m.labels?.group === groupId);
      expect(ofGroup('kafka_consumergroup_group_lag').map((m) => [m.labels?.partition, m.value])).toEqual([['2', '0']]);
      expect(
        ofGroup('watermark_consumergroup_partition_committed_ahead').map((m) => [m.labels?.partition, m.value]),
      ).toEqual(
        tool.filter((r) => r.lag! < 0).map((r) => [String(r.partition), String(-r.lag!)]), // 5 and 2
      );
      expect(ofGroup('watermark_consumergroup_status').find((m) => m.value === '1')?.labels?.status).toBe('AHEAD');
    } finally {
      await pipeline.stop();
    }
  });
});
