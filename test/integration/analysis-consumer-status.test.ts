/**
 * Over real cycles of the pipeline: a consumer slower than its producer is reported
 * falling behind by the difference of the rates Kafka shows, and a group whose
 * consumers are gone is STOP with the lag kafka-consumer-groups prints.
 */
import type { Consumer } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { asToolRows, describeGroupWithTool, kafkaPosition } from '../helpers/kafka-tool-readings';
import { sendWithRetry, sleep, uniqueName } from '../helpers/local-cluster';
import { startSteadyProducer, startTestPipeline, viewOfGroup, type TestPipeline } from '../helpers/test-pipeline';

/** |actual − expected| within the larger of an absolute and a relative tolerance. */
function expectClose(actual: number | null | undefined, expected: number, absolute: number, relative: number) {
  expect(actual).toBeTypeOf('number');
  const tolerance = Math.max(absolute, relative * Math.abs(expected));
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected} ± ${tolerance}`).toBeLessThanOrEqual(
    tolerance,
  );
}

describe('consumer status over cycles', () => {
  const fixture = useKafkaFixture('analysis-status');

  it('reports a slow consumer falling behind by the produce rate minus the consume rate Kafka shows', async () => {
    const topic = await fixture.createTopic(3);
    const groupId = uniqueName('slow-group');
    // Committed on every partition before the first cycle, so every partition's rates share one window.
    await fixture.admin.setOffsets({
      groupId,
      topic,
      partitions: [0, 1, 2].map((partition) => ({ partition, offset: '0' })),
    });
    const writer = startSteadyProducer(fixture.producer, topic, { messagesPerSecond: 30, partitions: [0, 1, 2] });
    // ~10 messages/s: 100 ms per message, one partition at a time; small fetches keep the partitions interleaved.
    const consumer: Consumer = fixture.kafka.consumer({ groupId, sessionTimeout: 30_000, maxBytesPerPartition: 2048 });
    let pipeline: TestPipeline | undefined;
    try {
      await consumer.connect();
      await consumer.subscribe({ topic });
      const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
      await consumer.run({
        autoCommitInterval: 1000,
        eachMessage: async () => {
          await sleep(100);
        },
      });
      await joined;

      pipeline = startTestPipeline();
      const first = await pipeline.cycle();
      const atStart = kafkaPosition(topic, groupId);
      const lags = [viewOfGroup(first, groupId).totalLag ?? 0];
      let last = first;
      for (let i = 0; i < 40; i++) {
        last = await pipeline.cycle();
        lags.push(viewOfGroup(last, groupId).totalLag ?? 0);
      }
      const [t1, t2] = [await atStart, await kafkaPosition(topic, groupId)];

      const seconds = (t2.at - t1.at) / 1000;
      const produced = (t2.endOffsetSum - t1.endOffsetSum) / seconds;
      const consumed = (t2.committedSum - t1.committedSum) / seconds;
      const view = viewOfGroup(last, groupId);
      console.log(
        `slow group: Kafka ${produced.toFixed(2)} in − ${consumed.toFixed(2)} out = ${(produced - consumed).toFixed(2)}/s` +
          ` over ${seconds.toFixed(1)} s; Watermark ${view.produceRate?.toFixed(2)} − ${view.consumeRate?.toFixed(2)}` +
          ` = ${view.fallingBehindBy?.toFixed(2)}/s; lag ${lags[0]} → ${lags[lags.length - 1]}; status ${view.status}`,
      );

      // The two measures cover nearly the same interval, not exactly: the tools read ~1 s after
      // a cycle (JVM start-up), commits trail consumption by up to 1 s (autoCommitInterval), and
      // the producer's timer and the consumer's sleeps jitter. Over ~40 s that is a few msg/s at
      // most, so allow 35% (or 3 msg/s) of the ~20 msg/s the consumer falls behind by.
      expect(produced - consumed).toBeGreaterThan(10);
      expect(view.catchUpSeconds).toBeUndefined();
      expectClose(view.fallingBehindBy, produced - consumed, 3, 0.35);
      expectClose(view.produceRate, produced, 3, 0.35);
      expectClose(view.consumeRate, consumed, 3, 0.35);
      expect(view.status).not.toBe('OK');
      expect(view.status).not.toBeNull();

      // Lag grows cycle after cycle (sampled every 10 cycles to step over commit-to-commit jitter)
      // and by about what Kafka's rates say it should.
      const checkpoints = [0, 10, 20, 30, 40].map((i) => lags[i]);
      checkpoints.slice(1).forEach((lag, i) => expect(lag).toBeGreaterThan(checkpoints[i]));
      const cyclesSeconds = (last.snapshot!.collectedAt - first.snapshot!.collectedAt) / 1000;
      expectClose(lags[40] - lags[0], (produced - consumed) * cyclesSeconds, 60, 0.35);
    } finally {
      await pipeline?.stop();
      await consumer.disconnect();
      await writer.stop();
    }
  });

  it('marks every partition of a group without consumers STOP, the group ERR, with the lag the tool prints', async () => {
    const topic = await fixture.createTopic(2);
    const groupId = uniqueName('stopped-group');
    for (const partition of [0, 1]) {
      const messages = Array.from({ length: 20 }, (_, i) => ({ partition, value: `seed-${i}` }));
      await sendWithRetry(fixture.producer, { topic, messages });
    }
    // A service that committed and went away: an Empty group with offsets.
    await fixture.admin.setOffsets({
      groupId,
      topic,
      partitions: [
        { partition: 0, offset: '5' },
        { partition: 1, offset: '12' },
      ],
    });
    const writer = startSteadyProducer(fixture.producer, topic, { messagesPerSecond: 4, partitions: [0, 1] });
    const pipeline = startTestPipeline();
    try {
      const views: ReturnType<typeof viewOfGroup>[] = [];
      for (let i = 0; i < 6; i++) views.push(viewOfGroup(await pipeline.cycle(), groupId));
      await writer.stop();

      // From the third cycle on (two observations apart, with no commit in between) it stays STOP.
      for (const view of views.slice(2)) {
        expect(view.partitions.map((p) => [p.partition, p.status])).toEqual([
          [0, 'STOP'],
          [1, 'STOP'],
        ]);
        expect(view.status).toBe('ERR');
      }
      expect(views[5].totalLag).toBeGreaterThan(views[0].totalLag ?? Infinity);

      // With the producer stopped, one more cycle and the tool see the same offsets.
      const final = viewOfGroup(await pipeline.cycle(), groupId);
      const tool = await describeGroupWithTool(groupId);
      expect(final.state).toBe('Empty');
      expect(final.status).toBe('ERR');
      expect(final.partitions.map((p) => p.status)).toEqual(['STOP', 'STOP']);
      const rows = asToolRows(final.partitions);
      expect(rows).toEqual(tool);
      expect(rows.map((r) => r.committedOffset)).toEqual([5, 12]);
      expect(final.totalLag).toBe(tool.reduce((sum, row) => sum + (row.lag ?? 0), 0));
      console.log(`stopped group: lag per partition ${rows.map((r) => r.lag).join(', ')} (tool agrees)`);
    } finally {
      await pipeline.stop();
      await writer.stop();
    }
  });
});
