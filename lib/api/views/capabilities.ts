/**
 * What a cluster's brokers cannot serve, said as such: a feature that is not available
 * on that Kafka version is never shown as a zero, a down broker or a missing group.
 */
import type { ClusterSnapshot } from '../../collector/snapshot';

export interface UnavailableFeature {
  /** The Kafka request, or the part of one, that is missing. */
  feature: string;
  brokers: number[];
  message: string;
}

/** Features not served by some brokers, one entry per feature, brokers sorted. */
export function unavailableFeatures(snapshot: ClusterSnapshot): UnavailableFeature[] {
  const byFeature = new Map<string, UnavailableFeature>();
  const add = (feature: string, broker: number | null, message: string) => {
    const entry = byFeature.get(feature) ?? { feature, brokers: [], message };
    if (broker !== null && !entry.brokers.includes(broker)) entry.brokers.push(broker);
    byFeature.set(feature, entry);
  };
  for (const failure of snapshot.failures) {
    // "ListGroups is not served by broker 2 (needs Kafka 2.6; …)": the same sentence for every broker.
    if (failure.notServed) add(failure.operation, failure.broker, failure.message.replace(/ by broker \S+/, ''));
  }
  for (const dir of snapshot.logDirs) {
    if (dir.capacityNotServed) {
      add('log dir capacity', dir.broker, 'disk capacity is not available on Kafka before 3.3 (DescribeLogDirs v4)');
    }
  }
  return [...byFeature.values()].map((f) => ({ ...f, brokers: f.brokers.sort((a, b) => a - b) }));
}

/** Failures that are faults (a broker that did not answer, an error), not features a version lacks. */
export const faultsOf = (snapshot: ClusterSnapshot) => snapshot.failures.filter((f) => !f.notServed);
