/**
 * Compacted topics: compaction removes records between the log start and the end, so the
 * offset span is no message count, and the record read at the log start can be removed
 * while the log start stays put. Its timestamp must be read again (the oldest message age
 * kept the removed record's), and the pages call the span what it is.
 */
import { describe, expect, it } from 'vitest';
import { topicsView } from '@/lib/api/views/topic-views';
import { createKafkaClient } from '@/lib/kafka/kafka-client';
import { COMPACTED_REREAD_MS } from '@/lib/collector/cluster-analyzer';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, LOCAL_BROKERS, sendWithRetry, sleep } from '../helpers/local-cluster';
import { startTestPipeline } from '../helpers/test-pipeline';

describe('a compacted topic', () => {
  const fixture = useKafkaFixture('compacted');

  it('re-reads the oldest record once compaction may have removed it, and reports an offset span', async () => {
    const topic = await fixture.createTopic(1, {
      'cleanup.policy': 'compact',
      'segment.ms': '100',
      'min.cleanable.dirty.ratio': '0.01',
      'min.compaction.lag.ms': '0',
    });
    const send = (key: string, value: string) =>
      sendWithRetry(fixture.producer, { topic, messages: [{ partition: 0, key, value }] });
    const oldAt = Date.now();
    await send('k', 'old'); // offset 0
    await sleep(4000);

    let shiftMs = 0;
    const pipeline = startTestPipeline({ now: () => Date.now() + shiftMs });
    const client = createKafkaClient({ brokers: LOCAL_BROKERS, requestTimeoutMs: 5000 });
    try {
      // Read before anything can remove offset 0: the cleaner may run within seconds of a later send.
      let state = await pipeline.cycle();
      const oldestAge = () => state.analysis!.topics.get(topic)!.oldestMessageAgeSeconds!;
      expect(oldestAge()).toBeGreaterThanOrEqual((state.snapshot!.collectedAt - oldAt) / 1000 - 0.5);

      await send('k', 'new'); // offset 1: makes offset 0 removable; each later send rolls a segment
      await sleep(300);
      await send('f', '1');
      await sleep(300);
      await send('f', '2');

      // Wait for the log cleaner to remove offset 0 (the first record is then offset 1).
      await eventually(
        async () => {
          const { value } = await client.recordTimestamps(state.snapshot!.brokers, state.snapshot!.topics, [
            { topic, partition: 0, offset: 0 },
          ]);
          return (value[0]?.recordOffset ?? 0) > 0 ? true : undefined;
        },
        'compaction to remove offset 0',
        120_000,
      );
      state = await pipeline.cycle();
      const summary = topicsView(state).topics.find((t) => t.name === topic)!;
      // Four offsets between log start and end, three records left: a span, not a count.
      expect(summary).toMatchObject({ messageCount: 4, cleanupPolicy: 'compact' });

      // Past the re-read interval, the removed record's timestamp is no longer the answer.
      shiftMs = COMPACTED_REREAD_MS + 1000;
      state = await pipeline.cycle();
      // The removed record would read as produced at oldAt; the first record now is 4 s younger.
      expect(oldestAge()).toBeLessThan((state.snapshot!.collectedAt - oldAt) / 1000 - 3);
    } finally {
      await client.close();
      await pipeline.stop();
    }
  });
});
