/**
 * A broker that hangs (SIGSTOP: its sockets stay open, nothing answers) must not pass
 * for healthy: it is marked unresponsive within its deadline, the cycle completes on
 * time from the other brokers, and broker-unreachable fires once the hang outlasts `for`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { AlertPolicy } from '@/lib/alerts/alert-policy';
import { evaluateRules } from '@/lib/alerts/evaluate-rules';
import { clusterSummary } from '@/lib/api/views/cluster-views';
import { signalBroker } from '../helpers/local-cluster';
import { startTestPipeline } from '../helpers/test-pipeline';

const HUNG = 1; // the first broker every list starts with
const REQUEST_TIMEOUT_MS = 5000;

describe('a hung broker', () => {
  afterAll(() => signalBroker(HUNG, 'SIGCONT'));

  it('is marked unresponsive every cycle, the cycles stay on time, and broker-unreachable fires', async () => {
    const pipeline = startTestPipeline();
    try {
      const before = await pipeline.cycle();
      expect(clusterSummary(before)).toMatchObject({ brokersUp: 3, status: 'ok' });
      signalBroker(HUNG, 'SIGSTOP');
      const startedAt = Date.now();
      const seen: { durationMs: number; reachable: boolean | undefined; status: string; error?: string }[] = [];
      while (Date.now() - startedAt < 30_000) {
        const state = await pipeline.cycle();
        const snapshot = state.snapshot!;
        seen.push({
          durationMs: snapshot.durationMs,
          reachable: snapshot.brokers.find((b) => b.id === HUNG)?.reachable,
          status: clusterSummary(state).status,
          ...(state.error ? { error: state.error } : {}),
        });
      }
      console.log(JSON.stringify(seen));
      expect(seen.every((s) => s.error === undefined)).toBe(true);
      expect(seen.every((s) => s.reachable === false)).toBe(true);
      expect(seen.every((s) => s.status === 'degraded')).toBe(true);
      // On time: one request deadline at most, not one per stage.
      expect(Math.max(...seen.map((s) => s.durationMs))).toBeLessThan(REQUEST_TIMEOUT_MS + 2500);
      const state = await pipeline.cycle();
      const fired = evaluateRules(state, AlertPolicy.of({ forSeconds: 0 })).filter(
        (c) => c.rule === 'broker-unreachable',
      );
      expect(fired.map((c) => c.subject.broker)).toEqual([HUNG]);
    } finally {
      signalBroker(HUNG, 'SIGCONT');
      await pipeline.stop();
    }
  });
});
