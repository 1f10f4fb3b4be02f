/**
 * A stopped broker vanishes from Metadata. Remembering every broker seen (and every
 * replica id the partitions name) is how it stays on the page, marked down.
 */
import type { BrokerProbe } from '../kafka/metadata';
import type { BrokerNode, TopicMetadata } from '../kafka/types';
import type { BrokerState } from './snapshot';

export function mergeBrokers(
  live: BrokerNode[],
  probes: BrokerProbe[],
  previous: BrokerState[],
  topics: TopicMetadata[],
): BrokerState[] {
  const byId = new Map<number, BrokerState>();
  for (const old of previous) {
    byId.set(old.id, { ...old, reachable: false, latencyMs: null, error: 'not in cluster metadata (broker down?)' });
  }
  for (const topic of topics) {
    for (const p of topic.partitions) {
      for (const replica of p.replicas) {
        if (!byId.has(replica) && !live.some((b) => b.id === replica)) {
          byId.set(replica, {
            id: replica,
            host: '',
            port: 0,
            rack: null,
            reachable: false,
            latencyMs: null,
            error: 'not in cluster metadata (broker down?)',
          });
        }
      }
    }
  }
  for (const broker of live) {
    const probe = probes.find((p) => p.id === broker.id);
    byId.set(broker.id, {
      ...broker,
      reachable: probe?.reachable ?? false,
      latencyMs: probe?.latencyMs ?? null,
      error: probe?.error ?? null,
    });
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
