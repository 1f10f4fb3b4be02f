/**
 * Exact time lag comes from the committed record's own timestamp (as the console
 * consumer prints it), and the server runtime's history survives a restart: charts
 * keep the points from before it and rates continue from the reloaded samples.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Consumer } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { readGroupHistory } from '@/lib/api/history-readers';
import type { ClusterState } from '@/lib/collector/snapshot';
import { getHistory, getStore, startRuntime, stopRuntime } from '@/lib/collector/runtime';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { recordTimestampFromTool } from '../helpers/kafka-tool-readings';
import { eventually, LOCAL_BROKERS, sendWithRetry, sleep, uniqueName } from '../helpers/local-cluster';
import { cycleOnce, startSteadyProducer, viewOfGroup } from '../helpers/test-pipeline';

describe('time lag and history', () => {
  const fixture = useKafkaFixture('analysis-time');

  // Registered after the fixture's hooks, so it runs before them (vitest runs afterAll hooks last-in, first-out):
  // the runtime stops before the producer disconnects and the topics go.
  afterAll(async () => {
    await stopRuntime();
  });

  it('takes the time lag from the timestamp of the record at the committed offset, or estimates it with no budget', async () => {
    const topic = await fixture.createTopic(2);
    const groupId = uniqueName('time-lag-group');
    // One record a second, starting an hour ago; partition 1 half a second later than partition 0.
    const hourAgo = Date.now() - 3_600_000;
    const timestampOf = (partition: number, offset: number) => hourAgo + partition * 500 + offset * 1000;
    for (const partition of [0, 1]) {
      const messages = Array.from({ length: 20 }, (_, i) => ({
        partition,
        value: `record-${i}`,
        timestamp: String(timestampOf(partition, i)),
      }));
      await sendWithRetry(fixture.producer, { topic, messages });
    }
    const committed = new Map([
      [0, 7],
      [1, 15],
    ]);
    await fixture.admin.setOffsets({
      groupId,
      topic,
      partitions: [...committed].map(([partition, offset]) => ({ partition, offset: String(offset) })),
    });
    for (const [partition, offset] of committed) {
      expect(await recordTimestampFromTool(topic, partition, offset)).toBe(
        `CreateTime:${timestampOf(partition, offset)}`,
      );
    }

    const state = await cycleOnce();
    const view = viewOfGroup(state, groupId);
    const collectedAt = state.snapshot!.collectedAt;
    const expected = [...committed].map(([partition, offset]) => (collectedAt - timestampOf(partition, offset)) / 1000);
    console.log(
      `exact time lag: expected ${expected.map((s) => s.toFixed(3)).join(', ')} s,` +
        ` reported ${view.partitions.map((p) => p.timeLagSeconds?.toFixed(3)).join(', ')} s`,
    );
    expect(view.partitions.map((p) => [p.partition, p.timeLagSource, p.timeLagLowerBound])).toEqual([
      [0, 'exact', false],
      [1, 'exact', false],
    ]);
    view.partitions.forEach((p, i) => expect(Math.abs(p.timeLagSeconds! - expected[i])).toBeLessThanOrEqual(0.001));
    expect(view.maxTimeLagSeconds).toBe(Math.max(...view.partitions.map((p) => p.timeLagSeconds!)));

    // No budget for record reads: nothing is fetched, and the lag is an estimate from end offsets seen.
    const estimated = await cycleOnce({ exactTimeLagBudget: 0 });
    const estimatedView = viewOfGroup(estimated, groupId);
    expect(estimatedView.partitions.map((p) => [p.partition, p.timeLagSource])).toEqual([
      [0, 'estimated'],
      [1, 'estimated'],
    ]);
    // Committed offsets older than any end offset seen: a lower bound, below the exact lag.
    expect(estimatedView.partitions.map((p) => p.timeLagLowerBound)).toEqual([true, true]);
    estimatedView.partitions.forEach((p, i) => expect(p.timeLagSeconds!).toBeLessThan(expected[i]));
    // A budget of 0 means "estimate only" (lib/config/schema.ts): no record read at all, for any group.
    expect(estimated.analysis!.recordTimestamps).toMatchObject({ budget: 0, requested: 0, answered: 0 });
  });

  it('keeps the history across a restart of the runtime and continues rates from it', async () => {
    const topic = await fixture.createTopic(3);
    const groupId = uniqueName('restart-group');
    const clusterId = uniqueName('restart-cluster');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watermark-restart-'));
    const configFile = path.join(dir, 'watermark.json');
    const cluster = { id: clusterId, brokers: LOCAL_BROKERS, pollIntervalMs: 1000 };
    fs.writeFileSync(
      configFile,
      JSON.stringify({ clusters: [{ ...cluster, lagStatus: { windowSize: 5, allowedLag: 0 } }] }),
    );
    const env = { WATERMARK_CONFIG: configFile, WATERMARK_DATA_DIR: path.join(dir, 'data') };

    const writer = startSteadyProducer(fixture.producer, topic, { messagesPerSecond: 10, partitions: [0, 1, 2] });
    const consumer: Consumer = fixture.kafka.consumer({ groupId, sessionTimeout: 30_000 });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async () => undefined });
      await eventually(async () => {
        const [offsets] = await fixture.admin.fetchOffsets({ groupId, topics: [topic] });
        return offsets.partitions.every((p) => Number(p.offset) >= 0) ? true : undefined;
      }, 'the consumer to commit on every partition');

      expect(startRuntime(env).config.clusters.map((c) => c.id)).toEqual([clusterId]);
      await waitForCycles(clusterId, 10);
      // Everything up to the latest published cycle is in the history (it is written as the cycle is published).
      const readAt = getStore().get(clusterId)!.snapshot!.collectedAt;
      const before = readGroupHistory(clusterId, groupId, '15m', null, readAt);
      const withLag = before.points.filter((p) => p.lag !== null);
      expect(withLag.length).toBeGreaterThanOrEqual(2);
      const commitTimes = (since: number) =>
        getHistory(clusterId)!
          .reader.commitSamples(since)
          .filter((s) => s.groupId === groupId)
          .flatMap((s) => s.rows.map((r) => `${s.partition}@${r.t}`));
      // Raw samples are stored for the first cycle of each minute (these 10 cycles of 1 s: one
      // or two) and for the last cycle before a stop.
      const beforeTimes = commitTimes(0);
      expect(beforeTimes.length).toBeGreaterThanOrEqual(3);

      const lastBeforeStop = getStore().get(clusterId)!.snapshot!.collectedAt;
      await stopRuntime();
      const restartedAt = Date.now();
      startRuntime(env);
      // Caught as soon as it is published: the first cycle after the restart.
      const first = await firstPublished(clusterId, 30_000);
      const firstAt = first.snapshot!.collectedAt;

      expect(readGroupHistory(clusterId, groupId, '15m', null, readAt)).toEqual(before);
      const afterTimes = commitTimes(0);
      expect(afterTimes).toEqual(
        expect.arrayContaining([...beforeTimes, ...[0, 1, 2].map((p) => `${p}@${lastBeforeStop}`)]),
      );
      const restartTimes = getHistory(clusterId)!
        .reader.commitSamples(restartedAt)
        .filter((s) => s.groupId === groupId)
        .flatMap((s) => s.rows.map((r) => r.t));
      expect(Math.min(...restartTimes)).toBe(firstAt);

      const topicRate = first.analysis!.topics.get(topic)!.produceRate;
      const groupAnalysis = first.analysis!.groups.get(groupId)!;
      console.log(
        `restart: ${withLag.length} chart points and ${afterTimes.length} commit samples kept;` +
          ` first cycle after restart: produce ${topicRate?.toFixed(2)}/s, consume ${groupAnalysis.consumeRate?.toFixed(2)}/s`,
      );
      // One sample since the restart: these rates come from the samples reloaded from the history.
      expect(topicRate).not.toBeNull();
      // The producer writes 10 msg/s; the rate spans the restart, so allow for timer jitter.
      expect(topicRate!).toBeGreaterThan(7);
      expect(topicRate!).toBeLessThan(13);
      expect(groupAnalysis.consumeRate).not.toBeNull();
    } finally {
      await stopRuntime();
      await consumer.disconnect();
      await writer.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Waits until the runtime has published `count` more cycles of `clusterId`. */
async function waitForCycles(clusterId: string, count: number): Promise<void> {
  const seen = new Set<number>();
  await eventually(
    async () => {
      const at = getStore().get(clusterId)?.lastSuccessAt;
      if (at) seen.add(at);
      await sleep(100);
      return seen.size >= count ? true : undefined;
    },
    `${count} cycles`,
    60_000,
  );
}

/** The first state the runtime publishes for `clusterId`, caught within ~20 ms of publication. */
async function firstPublished(clusterId: string, timeoutMs: number): Promise<ClusterState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = getStore().get(clusterId);
    if (state?.snapshot) return state;
    if (Date.now() > deadline) throw new Error(`no cycle of ${clusterId} within ${timeoutMs / 1000}s`);
    await sleep(20);
  }
}
