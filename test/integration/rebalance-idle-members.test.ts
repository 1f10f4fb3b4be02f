/**
 * A member joins a 2-member group on 6 partitions while one member is stuck in its
 * message handler: the classic group sits in PreparingRebalance until that member
 * rejoins (up to its rebalance timeout), and DescribeGroups answers with every
 * member's assignment empty. That is not a group with idle members: the balance rule
 * must stay quiet while the group rebalances, and judge it again once it is Stable.
 */
import type { Consumer } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { AlertPolicy } from '@/lib/alerts/alert-policy';
import { evaluateRules } from '@/lib/alerts/evaluate-rules';
import type { ClusterState } from '@/lib/collector/snapshot';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, sendWithRetry, sleep, uniqueName } from '../helpers/local-cluster';
import { startTestPipeline, type TestPipeline } from '../helpers/test-pipeline';

const POLICY = AlertPolicy.of({ forSeconds: 0 });

describe('a group rebalancing while a member joins', { timeout: 180_000 }, () => {
  const fixture = useKafkaFixture('rebalance');

  it('raises no idle-members alert during the rebalance, and its balance is judged once Stable', async () => {
    const topic = await fixture.createTopic(6);
    const groupId = uniqueName('rebalance');
    const consumers: Consumer[] = [];
    let stall = false;
    let stalled = false;
    /** A member with a long rebalance timeout; `stallable` ones block in their handler while `stall`. */
    async function join(stallable: boolean): Promise<void> {
      const consumer = fixture.kafka.consumer({
        groupId,
        sessionTimeout: 10_000,
        rebalanceTimeout: 60_000,
        heartbeatInterval: 500,
      });
      consumers.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ heartbeat }) => {
          while (stallable && stall) {
            stalled = true;
            // Heartbeats keep its session alive; it does not rejoin until the handler returns.
            await heartbeat().catch(() => undefined);
            await sleep(250);
          }
        },
      });
    }

    const pipeline = startTestPipeline();
    try {
      await join(true);
      await join(false);
      await untilGroup(pipeline, groupId, (g) => g.state === 'Stable' && g.members.length === 2, 'two members, Stable');

      stall = true;
      await sendWithRetry(fixture.producer, {
        topic,
        messages: [0, 1, 2, 3, 4, 5].map((partition) => ({ partition, value: `m${partition}` })),
      });
      await eventually(async () => (stalled ? true : undefined), 'the first member to be stuck in its handler');
      // Not awaited: the newcomer's run() returns only once the rebalance it started is over.
      const joining = join(false);

      // While the stuck member holds the rebalance open, every cycle sees it rebalancing.
      let rebalancingCycles = 0;
      for (let cycle = 0; cycle < 30 && rebalancingCycles < 5; cycle++) {
        const state = await pipeline.cycle();
        const group = state.snapshot!.groups.find((g) => g.groupId === groupId);
        if (!group || !/Rebalance$/.test(group.state)) continue;
        rebalancingCycles++;
        const balance = state.analysis!.groups.get(groupId)?.assignmentBalance;
        // What made the alert fire: mid-rebalance the members' assignments read as empty.
        expect(balance?.idleMembers.length).toBeGreaterThan(0);
        expect(idleAlerts(state, groupId)).toEqual([]);
      }
      expect(rebalancingCycles).toBe(5);

      stall = false;
      await joining;
      const state = await untilGroup(
        pipeline,
        groupId,
        (g) => g.state === 'Stable' && g.members.length === 3 && g.members.every((m) => m.assignment.length > 0),
        'three members, Stable, each assigned',
      );
      const balance = state.analysis!.groups.get(groupId)!.assignmentBalance!;
      expect([balance.memberCount, balance.partitionCount, balance.idleMembers]).toEqual([3, 6, []]);
      expect(idleAlerts(state, groupId)).toEqual([]);
    } finally {
      stall = false;
      await pipeline.stop();
      await Promise.all(consumers.map((c) => c.disconnect()));
    }
  });
});

function idleAlerts(state: ClusterState, groupId: string): string[] {
  return evaluateRules(state, POLICY)
    .filter((c) => c.subject.group === groupId && c.rule === 'assignment-idle-members')
    .map((c) => c.message);
}

/** Cycles until the group matches, and returns that cycle's state. */
async function untilGroup(
  pipeline: TestPipeline,
  groupId: string,
  match: (group: NonNullable<ClusterState['snapshot']>['groups'][number]) => boolean,
  what: string,
): Promise<ClusterState> {
  return eventually(async () => {
    const state = await pipeline.cycle();
    const group = state.snapshot!.groups.find((g) => g.groupId === groupId);
    return group && match(group) ? state : undefined;
  }, what);
}
