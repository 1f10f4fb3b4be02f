/**
 * Retention risk against real deletions: messages retention deleted before a stopped
 * group read them are counted as GetOffsetShell's log start minus the committed offset,
 * and the predicted time until loss is a lower bound that holds, ticking down 1 s per second.
 */
import { describe, expect, it } from 'vitest';
import { groupsView } from '@/lib/api/views/group-views';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { offsetsFromTool, recordTimestampFromTool } from '../helpers/kafka-tool-readings';
import { eventually, sendWithRetry, uniqueName } from '../helpers/local-cluster';
import { startSteadyProducer, startTestPipeline, viewOfGroup, type TestPipeline } from '../helpers/test-pipeline';

describe('retention risk of a stopped group', () => {
  const fixture = useKafkaFixture('analysis-retention');

  /** Log start offsets by partition through ListOffsets (EARLIEST): milliseconds, where the tool takes a JVM start. */
  async function logStarts(topic: string): Promise<Map<number, number>> {
    const offsets = await fixture.admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, Number(o.low)]));
  }

  it('counts the messages retention deleted before the group read them as log start minus committed offset', async () => {
    // The brokers check retention every 5 s; 1 s segments make whole segments expire within seconds.
    const topic = await fixture.createTopic(2, { 'retention.ms': '6000', 'segment.ms': '1000' });
    const groupId = uniqueName('lost-group');
    for (const partition of [0, 1]) {
      await sendWithRetry(fixture.producer, {
        topic,
        messages: [0, 1, 2, 3].map((i) => ({ partition, value: `seed-${i}` })),
      });
    }
    // Committed at 0 on one partition and inside the data on the other, so the subtraction shows.
    const committed = new Map([
      [0, 0],
      [1, 3],
    ]);
    await fixture.admin.setOffsets({
      groupId,
      topic,
      partitions: [...committed].map(([partition, offset]) => ({ partition, offset: String(offset) })),
    });
    const writer = startSteadyProducer(fixture.producer, topic, { messagesPerSecond: 10, partitions: [0, 1] });
    const pipeline = startTestPipeline();
    try {
      await eventually(
        async () => {
          const starts = await logStarts(topic);
          return [...committed].every(([p, offset]) => (starts.get(p) ?? 0) > offset) ? true : undefined;
        },
        'retention to delete past the committed offsets',
        90_000,
      );
      // Retention keeps deleting while the producer writes: compare only when the log start
      // did not move between just before the cycle and the tool's reading just after it.
      const { state, starts } = await eventually(
        async () => {
          const before = await logStarts(topic);
          const state = await pipeline.cycle();
          const tool = await offsetsFromTool(topic, '-2');
          const after = await logStarts(topic);
          const same = (a: Map<number, number>, b: Map<number, number>) => [...a].every(([p, o]) => b.get(p) === o);
          return same(before, tool) && same(tool, after) ? { state, starts: tool } : undefined;
        },
        'a cycle during which retention did not move the log start',
        60_000,
      );

      const view = viewOfGroup(state, groupId);
      const expected = [...committed].map(([partition, offset]) => [partition, starts.get(partition)! - offset]);
      console.log(
        `lost messages: log start ${[...starts.values()].join(', ')}, committed ${[...committed.values()].join(', ')}` +
          ` → reported ${view.partitions.map((p) => p.retention.lostMessages).join(', ')} (group ${view.lostMessages})`,
      );
      expect(view.partitions.map((p) => [p.partition, p.logStartOffset])).toEqual([...starts].sort());
      expect(view.partitions.map((p) => [p.partition, p.retention.lostMessages])).toEqual(expected);
      expect(expected.every(([, lost]) => lost > 0)).toBe(true);
      expect(view.partitions.map((p) => p.retention.secondsUntilLoss)).toEqual([0, 0]);
      expect(view.partitions.map((p) => p.retention.limitedBy)).toEqual(['time', 'time']);
      const total = expected.reduce((sum, [, lost]) => sum + lost, 0);
      expect(view.lostMessages).toBe(total);
      expect(groupsView(state).groups.find((g) => g.groupId === groupId)?.lostMessages).toBe(total);
    } finally {
      await pipeline.stop();
      await writer.stop();
    }
  });

  it('predicts the loss no later than retention really deletes, counting down one second per second', async () => {
    const retentionMs = 40_000;
    const topic = await fixture.createTopic(1, { 'retention.ms': String(retentionMs), 'segment.ms': '1000' });
    const groupId = uniqueName('at-risk-group');
    // Explicit CreateTimes, so the committed record's timestamp is known to the millisecond.
    const seededAt = Date.now();
    await sendWithRetry(fixture.producer, {
      topic,
      messages: [0, 1, 2, 3, 4].map((i) => ({ partition: 0, value: `seed-${i}`, timestamp: String(seededAt) })),
    });
    const committedOffset = 2;
    await fixture.admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: String(committedOffset) }] });
    // Later records keep segments rolling (segment.ms only rolls on a new append).
    const writer = startSteadyProducer(fixture.producer, topic, {
      messagesPerSecond: 2,
      partitions: [0],
      timestamp: () => Date.now(),
    });
    let pipeline: TestPipeline | undefined;
    try {
      expect(await recordTimestampFromTool(topic, 0, committedOffset)).toBe(`CreateTime:${seededAt}`);
      pipeline = startTestPipeline();
      const first = await pipeline.cycle();
      const firstPartition = viewOfGroup(first, groupId).partitions[0];
      expect(firstPartition.timeLagSource).toBe('exact');
      expect(firstPartition.retention.limitedBy).toBe('time');
      expect(firstPartition.retention.lostMessages).toBe(0);
      const secondsUntilLoss = firstPartition.retention.secondsUntilLoss!;
      const predictedLossAt = first.snapshot!.collectedAt + secondsUntilLoss * 1000;
      // Not absurdly early: with the exact time lag, the bound is the committed record's timestamp + retention.ms.
      expect(Math.abs(predictedLossAt - (seededAt + retentionMs))).toBeLessThan(1);

      // Watch the log start closely (every ~250 ms) while the pipeline keeps cycling.
      let lastSeenRetainedAt = Date.now();
      const samples = [{ t: first.snapshot!.collectedAt, secondsUntilLoss }];
      let lost = false;
      const cycles = (async () => {
        while (!lost) {
          const state = await pipeline!.cycle();
          const partition = viewOfGroup(state, groupId).partitions[0];
          if ((partition.logStartOffset ?? 0) > committedOffset) break;
          samples.push({ t: state.snapshot!.collectedAt, secondsUntilLoss: partition.retention.secondsUntilLoss! });
        }
      })();
      const lossSeenAt = await eventually(
        async () => {
          const askedAt = Date.now();
          const start = (await logStarts(topic)).get(0) ?? 0;
          if (start > committedOffset) return Date.now();
          lastSeenRetainedAt = askedAt;
          return undefined;
        },
        'retention to delete the committed record',
        retentionMs + 40_000,
      );
      lost = true;
      await cycles;
      const toolStart = (await offsetsFromTool(topic, '-2')).get(0)!;
      console.log(
        `seconds until loss: first cycle ${secondsUntilLoss.toFixed(3)} s → predicted loss at +${(
          (predictedLossAt - seededAt) /
          1000
        ).toFixed(
          3,
        )} s after the record; still retained at +${((lastSeenRetainedAt - seededAt) / 1000).toFixed(3)} s,` +
          ` deleted by +${((lossSeenAt - seededAt) / 1000).toFixed(3)} s (GetOffsetShell log start ${toolStart});` +
          ` ${samples.length} cycles counted down`,
      );

      expect(toolStart).toBeGreaterThan(committedOffset);
      // A lower bound: the record was not gone before the predicted time.
      expect(lossSeenAt).toBeGreaterThanOrEqual(predictedLossAt);
      // And a tight one: deletion waits at most for the rest of the segment (1 s) and the next
      // retention check (5 s), plus our ~250 ms polling.
      expect(lossSeenAt - predictedLossAt).toBeLessThan(10_000);

      // Stopped, the time lag grows one second per second, so the bound shrinks at that pace
      // until it reaches 0 at the predicted time (it never goes negative while the record waits).
      const counting = samples.filter((s) => s.t < predictedLossAt);
      expect(counting.length).toBeGreaterThan(20);
      for (let i = 1; i < counting.length; i++) {
        const elapsedSeconds = (counting[i].t - counting[i - 1].t) / 1000;
        const decrease = counting[i - 1].secondsUntilLoss - counting[i].secondsUntilLoss;
        expect(Math.abs(decrease - elapsedSeconds)).toBeLessThan(0.001);
      }
      expect(samples.filter((s) => s.t >= predictedLossAt).map((s) => s.secondsUntilLoss)).toEqual(
        samples.filter((s) => s.t >= predictedLossAt).map(() => 0),
      );
    } finally {
      await pipeline?.stop();
      await writer.stop();
    }
  });
});
