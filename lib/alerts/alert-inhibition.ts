/**
 * One alert per cause: alerts that another alert explains are inhibited, the way
 * Alertmanager's inhibit_rules work. An inhibited alert still shows (under its cause)
 * but sends no notification; once its cause is gone, if it still holds, it is an alert
 * of its own and is sent then.
 *
 * - cluster-unreachable inhibits every other alert of the cluster: nothing else can be
 *   told while no broker answers.
 * - broker-unreachable inhibits
 *   - partition-skew: with a broker gone its leaders move to the others and its bytes
 *     are not reported, so "reassign partitions or run a preferred leader election" is
 *     the wrong advice during the outage;
 *   - offline-partitions, when every offline partition has a replica on a down broker;
 *   - under-replicated-partitions, when every replica missing from an ISR is on a down
 *     broker (a replica that fell behind on a live broker is a problem of its own).
 * - consumer-down inhibits the same group's group-status, group-time-lag, retention-soon
 *   and retention-lost: with the consuming service down its lag grows, its status is
 *   STOP and retention overtakes it; they follow from the one cause to fix. Once the
 *   service is back, a loss that remains is sent as an alert of its own.
 *
 * A cause inhibits from the moment it is pending, not only once it fires: a broker's
 * consequences can show a cycle before the broker stops answering (its controlled
 * shutdown moves its leaders first), and must not be sent ahead of it. Pure.
 */
import { isOffline, isUnderReplicated } from '../api/views/indexes';
import type { ClusterSnapshot } from '../collector/snapshot';
import type { PartitionMetadata } from '../kafka/types';
import type { AlertState } from './alert-types';

type Active = Pick<AlertState, 'key' | 'rule' | 'status' | 'subject'>;

/** The key of the alert that explains each inhibited one, by the inhibited alert's key. */
export function inhibitions(alerts: Iterable<Active>, snapshot: ClusterSnapshot | null): Map<string, string> {
  const active = [...alerts].filter((a) => a.status === 'pending' || a.status === 'firing');
  const inhibited = new Map<string, string>();
  const unreachable = active.find((a) => a.rule === 'cluster-unreachable');
  if (unreachable) {
    for (const a of active) if (a !== unreachable) inhibited.set(a.key, unreachable.key);
    return inhibited;
  }
  const consumersDown = new Map<string, string>();
  for (const a of active) {
    if (a.rule === 'consumer-down' && a.subject.group !== undefined) consumersDown.set(a.subject.group, a.key);
  }
  for (const a of active) {
    const cause = a.subject.group === undefined ? undefined : consumersDown.get(a.subject.group);
    if (cause !== undefined && FOLLOWS_CONSUMER_DOWN.has(a.rule)) inhibited.set(a.key, cause);
  }
  const down = new Map<number, string>();
  for (const a of active) {
    if (a.rule === 'broker-unreachable' && a.subject.broker !== undefined) down.set(a.subject.broker, a.key);
  }
  if (down.size === 0) return inhibited;
  const partitions = snapshot?.topics.flatMap((t) => t.partitions) ?? [];
  for (const a of active) {
    const cause = brokerCause(a.rule, partitions, down);
    if (cause !== null) inhibited.set(a.key, cause);
  }
  return inhibited;
}

/** What a consuming service that is down brings about in its group. */
const FOLLOWS_CONSUMER_DOWN = new Set<string>(['group-status', 'group-time-lag', 'retention-soon', 'retention-lost']);

const missingFromIsr = (p: PartitionMetadata) => p.replicas.filter((r) => !p.isr.includes(r));

/** The broker-unreachable alert that explains an alert of `rule`, or null. */
function brokerCause(rule: string, partitions: PartitionMetadata[], down: Map<number, string>): string | null {
  const isDown = (broker: number) => down.has(broker);
  switch (rule) {
    case 'partition-skew':
      return mostNamed([[...down.keys()]], down);
    case 'offline-partitions':
      // A replica on a down broker: the last leader is among the replicas.
      return explainedBy(
        partitions.filter(isOffline).map((p) => p.replicas),
        (brokers) => brokers.some(isDown),
        down,
      );
    case 'under-replicated-partitions':
      return explainedBy(
        partitions.filter(isUnderReplicated).map(missingFromIsr),
        (brokers) => brokers.length > 0 && brokers.every(isDown),
        down,
      );
    default:
      return null;
  }
}

/**
 * When `explains` holds for the brokers of every partition the alert counts, the down
 * broker named most among them; null when any partition is not explained (or none).
 */
function explainedBy(
  brokersPerPartition: number[][],
  explains: (brokers: number[]) => boolean,
  down: Map<number, string>,
): string | null {
  if (brokersPerPartition.length === 0 || !brokersPerPartition.every(explains)) return null;
  return mostNamed(brokersPerPartition, down);
}

/** The down broker named most often across `brokerLists` (lowest id on a tie), as its alert's key. */
function mostNamed(brokerLists: number[][], down: Map<number, string>): string | null {
  const counts = new Map<number, number>();
  for (const b of brokerLists.flat()) if (down.has(b)) counts.set(b, (counts.get(b) ?? 0) + 1);
  const [best] = [...counts].sort(([a, x], [b, y]) => y - x || a - b);
  return best ? down.get(best[0])! : null;
}
