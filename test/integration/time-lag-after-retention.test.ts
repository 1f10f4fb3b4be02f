/**
 * A group stopped while retention deletes what it has not read: the record at its
 * committed offset is gone, and the record now at the log start is young. Its time lag
 * must stay at least as old as the data it sits behind (dated from the offset–time table
 * when that still covers the committed offset), never collapse to the log start's age;
 * when nothing can date the committed offset, it is labelled "at least".
 */
import { describe, expect, it } from 'vitest';
import { metricsText } from '@/lib/metrics/read-metrics';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { deleteRecordsWithTool } from '../helpers/kafka-tool-readings';
import { sendWithRetry, sleep, uniqueName } from '../helpers/local-cluster';
import { startTestPipeline, viewOfGroup } from '../helpers/test-pipeline';

const batch = (topic: string, from: number) => ({
  topic,
  messages: Array.from({ length: 100 }, (_, i) => ({ partition: 0, value: `m${from + i}` })),
});

describe('time lag of a group whose unread data retention deleted', () => {
  const fixture = useKafkaFixture('lag-after-retention');

  it('stays as old as the committed offset (dated by the offset table), not the young log start', async () => {
    const topic = await fixture.createTopic(1);
    const groupId = uniqueName('stopped-at-0');
    await fixture.admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] });
    const pipeline = startTestPipeline();
    try {
      await pipeline.cycle();
      const firstBatchAt = Date.now();
      await sendWithRetry(fixture.producer, batch(topic, 0)); // offsets 0-99
      // The group sits at 0 while the producer goes quiet, then writes again.
      for (let i = 0; i < 12; i++) await pipeline.cycle();
      await sendWithRetry(fixture.producer, batch(topic, 100)); // offsets 100-199
      await pipeline.cycle();
      // Retention deletes the first batch and half the second: the log start is a record seconds old.
      await deleteRecordsWithTool(topic, 0, 150);
      let state = await pipeline.cycle();
      state = await pipeline.cycle();
      const now = state.snapshot!.collectedAt;
      const [partition] = viewOfGroup(state, groupId).partitions;
      expect(partition).toMatchObject({ committedOffset: 0, logStartOffset: 150, highWatermark: 200 });
      expect(partition.retention.lostMessages).toBe(150);
      const sinceFirstBatch = (now - firstBatchAt) / 1000;
      // Dated from the table: the first batch's age (the first poll saw offset 0 a little before it).
      expect(partition.timeLagSeconds).toBeGreaterThanOrEqual(sinceFirstBatch - 1.5);
      expect(partition.timeLagSeconds).toBeLessThan(sinceFirstBatch + 5);
      expect(partition.timeLagSource).toBe('estimated');
      const view = viewOfGroup(state, groupId);
      expect(view.maxTimeLagSeconds).toBe(partition.timeLagSeconds);
      // What Prometheus gets is the same age, not the log start's.
      const metrics = metricsText([state], now);
      const line = metrics
        .split('\n')
        .find((l) => l.startsWith('kafka_consumergroup_group_max_lag_seconds{') && l.includes(groupId));
      expect(Number(line?.split(' ').at(-1))).toBeGreaterThanOrEqual(sinceFirstBatch - 1.5);
    } finally {
      await pipeline.stop();
    }
  });

  it('says "at least" when the committed offset predates everything that can date it', async () => {
    const topic = await fixture.createTopic(1);
    const groupId = uniqueName('stopped-long-ago');
    await fixture.admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] });
    const producedAt = Date.now();
    await sendWithRetry(fixture.producer, batch(topic, 0));
    await sleep(6000);
    await sendWithRetry(fixture.producer, batch(topic, 100));
    await deleteRecordsWithTool(topic, 0, 150);
    // A Watermark started after all that: its table begins now, the log start is seconds old.
    const pipeline = startTestPipeline();
    try {
      let state = await pipeline.cycle();
      state = await pipeline.cycle();
      const view = viewOfGroup(state, groupId);
      const [partition] = view.partitions;
      expect(partition.logStartOffset).toBe(150);
      expect(partition.timeLagLowerBound).toBe(true);
      expect(view.maxTimeLagLowerBound).toBe(true);
      // A lower bound, and an honest one: no older than the data really is.
      expect(partition.timeLagSeconds).toBeLessThanOrEqual((state.snapshot!.collectedAt - producedAt) / 1000);
      const metrics = metricsText([state], state.snapshot!.collectedAt);
      expect(metrics).toMatch(
        new RegExp(`watermark_consumergroup_max_lag_seconds_lower_bound\\{[^}]*group="${groupId}"[^}]*\\} 1`),
      );
    } finally {
      await pipeline.stop();
    }
  });
});
