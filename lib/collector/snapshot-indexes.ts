/**
 * Lookups over one snapshot, built once per snapshot and shared by every caller: the
 * analysis, the history record, the API's views and the metrics all ask for them, and
 * at 10,000 partitions rebuilding them per caller and per request was most of the work.
 * A snapshot is never changed after the cycle that made it, so an index cannot go stale;
 * callers get read-only maps.
 */
import type { PartitionOffsets } from '../kafka/types';
import { partitionKey } from './partition-key';
import type { ClusterSnapshot } from './snapshot';

type Indexes = { offsets?: ReadonlyMap<string, PartitionOffsets>; leaderSizes?: ReadonlyMap<string, number> };

const KEY = Symbol.for('watermark.snapshotIndexes');
type GlobalWithIndexes = typeof globalThis & { [KEY]?: WeakMap<ClusterSnapshot, Indexes> };

/**
 * Kept on globalThis: Next.js loads this module once for the collector and again for the
 * route bundles, and both must find the indexes the other built. Weak: an index goes with
 * its snapshot.
 */
function indexesOf(snapshot: ClusterSnapshot): Indexes {
  const global = globalThis as GlobalWithIndexes;
  const all = (global[KEY] ??= new WeakMap());
  let indexes = all.get(snapshot);
  if (!indexes) {
    indexes = {};
    all.set(snapshot, indexes);
  }
  return indexes;
}

/** Each partition's offsets, by `partitionKey`. */
export function offsetsIndex(snapshot: ClusterSnapshot): ReadonlyMap<string, PartitionOffsets> {
  const indexes = indexesOf(snapshot);
  indexes.offsets ??= new Map(snapshot.offsets.map((o) => [partitionKey(o.topic, o.partition), o]));
  return indexes.offsets;
}

/** Size of each partition's leader replica (the partition's size as consumers see it), by `partitionKey`. */
export function leaderSizeIndex(snapshot: ClusterSnapshot): ReadonlyMap<string, number> {
  const indexes = indexesOf(snapshot);
  indexes.leaderSizes ??= buildLeaderSizes(snapshot);
  return indexes.leaderSizes;
}

function buildLeaderSizes(snapshot: ClusterSnapshot): Map<string, number> {
  const leaders = new Map<string, number>();
  for (const topic of snapshot.topics)
    for (const p of topic.partitions) leaders.set(partitionKey(topic.name, p.partition), p.leader);
  const sizes = new Map<string, number>();
  for (const replica of snapshot.replicaSizes) {
    const key = partitionKey(replica.topic, replica.partition);
    if (leaders.get(key) === replica.broker) sizes.set(key, replica.sizeBytes);
  }
  return sizes;
}
