/**
 * A group committed right after a transaction's last record has only the commit marker
 * left behind it. kafka-consumer-groups counts the marker as a lag of 1, which we keep;
 * but no message is waiting, so its time lag is 0 and its status OK: no growing time
 * lag, no STOP, no consumer-down or time-lag alert.
 */
import { describe, expect, it } from 'vitest';
import { AlertPolicy } from '@/lib/alerts/alert-policy';
import { evaluateRules } from '@/lib/alerts/evaluate-rules';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { asToolRows, describeGroupWithTool } from '../helpers/kafka-tool-readings';
import { sleep, uniqueName } from '../helpers/local-cluster';
import { startTestPipeline, viewOfGroup } from '../helpers/test-pipeline';

describe('a group caught up to a trailing transaction marker', () => {
  const fixture = useKafkaFixture('txn-marker');

  it('has lag 1 as the tool says, but time lag 0, status OK and no alert, cycle after cycle', async () => {
    const topic = await fixture.createTopic(1);
    const transactional = fixture.kafka.producer({
      transactionalId: uniqueName('txn-marker-producer'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await transactional.connect();
    try {
      const transaction = await transactional.transaction();
      await transaction.send({ topic, messages: [0, 1, 2].map((i) => ({ partition: 0, value: `m${i}` })) });
      await transaction.commit(); // records at 0-2, the commit marker at 3
    } finally {
      await transactional.disconnect();
    }
    const groupId = uniqueName('txn-caught-up');
    await fixture.admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '3' }] });
    // Let the records age, so a time lag read from the marker (or interpolated) would show.
    await sleep(3000);

    const pipeline = startTestPipeline({ windowSize: 3 });
    try {
      for (let cycle = 0; cycle < 6; cycle++) {
        const state = await pipeline.cycle();
        const view = viewOfGroup(state, groupId);
        const [partition] = view.partitions;
        expect(partition).toMatchObject({ lag: 1, timeLagSeconds: 0, timeLagSource: 'exact', status: 'OK' });
        // Nothing unread, so nothing retention could delete: no countdown to loss.
        expect(partition.retention).toMatchObject({ lostMessages: 0, secondsUntilLoss: null });
        expect(view.secondsUntilLoss).toBeNull();
        const rules = evaluateRules(state, AlertPolicy.of({ forSeconds: 0, timeLagSeconds: 1 }))
          .filter((c) => c.subject.group === groupId)
          .map((c) => c.rule);
        expect(rules).toEqual([]);
      }
      const state = await pipeline.cycle();
      expect(asToolRows(viewOfGroup(state, groupId).partitions)).toEqual(await describeGroupWithTool(groupId));
    } finally {
      await pipeline.stop();
    }
  });
});
