/**
 * A broker that hangs (SIGSTOP: its sockets stay open, nothing answers) must not pass
 * for healthy: it is marked unresponsive within its deadline, the cycle completes on
 * time from the other brokers, and broker-unreachable fires once the hang outlasts `for`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { AlertPolicy } from '@/lib/alerts/alert-policy';
import { evaluateRules } from '@/lib/alerts/evaluate-rules';
import { clusterSummary } from '@/lib/api/views/cluster-views';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { collectNow, eventually, signalBroker, uniqueName } from '../helpers/local-cluster';
import { startTestPipeline } from '../helpers/test-pipeline';

const FIRST = 1; // the first broker every list starts with
const REQUEST_TIMEOUT_MS = 5000;

/** The __consumer_offsets partition of a group, as Kafka picks it: |String.hashCode| (Utils.abs) mod the count. */
function offsetsPartitionOf(groupId: string, partitions: number): number {
  let hash = 0;
  for (let i = 0; i < groupId.length; i++) hash = (Math.imul(31, hash) + groupId.charCodeAt(i)) | 0;
  return (hash === -2147483648 ? 0 : Math.abs(hash)) % partitions;
}

/** Waits until all three brokers are back in the metadata and answer (the files after this expect them). */
async function threeBrokersUp(): Promise<void> {
  await eventually(async () => {
    const brokers = (await collectNow()).snapshot!.brokers;
    return brokers.length === 3 && brokers.every((b) => b.reachable) ? true : undefined;
  }, 'the thawed broker to rejoin');
}

describe('a hung broker', () => {
  const fixture = useKafkaFixture('hung-broker');
  const thawed = new Set<number>();
  afterAll(async () => {
    for (const broker of thawed) signalBroker(broker, 'SIGCONT');
    await threeBrokersUp();
  });

  async function hangAndWatch(hung: number): Promise<void> {
    // A group the hung broker coordinates, so its ListGroups answer is the one missing.
    const topic = await fixture.createTopic(1);
    const metadata = await collectNow();
    const offsetsTopic = metadata.snapshot!.topics.find((t) => t.name === '__consumer_offsets')!;
    let groupId = '';
    do {
      groupId = uniqueName('coordinated-by-hung');
    } while (offsetsTopic.partitions[offsetsPartitionOf(groupId, offsetsTopic.partitions.length)].leader !== hung);
    await fixture.admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] });

    const pipeline = startTestPipeline();
    try {
      const before = await pipeline.cycle();
      expect(clusterSummary(before)).toMatchObject({ brokersUp: 3, status: 'ok' });
      expect(before.snapshot!.groups.find((g) => g.groupId === groupId)?.coordinator).toBe(hung);
      let carried = 0;
      thawed.add(hung);
      signalBroker(hung, 'SIGSTOP');
      const startedAt = Date.now();
      const seen: { durationMs: number; reachable: boolean | undefined; status: string; error?: string }[] = [];
      // 20 s: past the broker session timeout (9 s), after which the controller fences it.
      while (Date.now() - startedAt < 20_000) {
        const state = await pipeline.cycle();
        const snapshot = state.snapshot!;
        if (snapshot.failures.some((f) => f.operation === 'ListGroups' && f.broker === hung)) {
          // Its coordinator is silent: the group stays on the page, saying why its numbers are missing.
          expect(snapshot.groups.find((g) => g.groupId === groupId)?.error).toMatch(/did not answer ListGroups/);
          carried++;
        }
        seen.push({
          durationMs: snapshot.durationMs,
          reachable: snapshot.brokers.find((b) => b.id === hung)?.reachable,
          status: clusterSummary(state).status,
          ...(state.error ? { error: state.error } : {}),
        });
      }
      console.log(`broker ${hung} hung: cycle durations ${seen.map((s) => s.durationMs).join(', ')} ms`);
      expect(carried).toBeGreaterThan(0);
      expect(seen.every((s) => s.error === undefined)).toBe(true);
      expect(seen.every((s) => s.reachable === false)).toBe(true);
      expect(seen.every((s) => s.status === 'degraded')).toBe(true);
      // On time: one request deadline at most, not one per stage or per broker.
      expect(Math.max(...seen.map((s) => s.durationMs))).toBeLessThan(REQUEST_TIMEOUT_MS + 3500);
      const state = await pipeline.cycle();
      const fired = evaluateRules(state, AlertPolicy.of({ forSeconds: 0 })).filter(
        (c) => c.rule === 'broker-unreachable',
      );
      expect(fired.map((c) => c.subject.broker)).toEqual([hung]);
    } finally {
      signalBroker(hung, 'SIGCONT');
      thawed.delete(hung);
      await pipeline.stop();
      await threeBrokersUp();
    }
  }

  it('the first broker every list starts with: marked unresponsive every cycle, cycles on time, alert fires', async () => {
    await hangAndWatch(FIRST);
  });

  it('the active controller: brokers forward DescribeQuorum to it, and still the cycles stay on time', async () => {
    const controller = (await collectNow()).snapshot!.controllerId;
    expect(controller).not.toBeNull();
    await hangAndWatch(controller!);
  });
});
