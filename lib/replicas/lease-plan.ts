/**
 * Which cluster leases a replica renews, gives up and tries to take, from what it holds and
 * how many replicas are alive: each replica aims at its fair share, ceil(clusters /
 * replicas), so N clusters spread over M replicas at about N/M each. Replicas try the free
 * clusters in different orders (a hash of replica and cluster), so that two replicas
 * starting together do not race for the same ones. Pure.
 */
import { createHash } from 'node:crypto';

export interface LeasePlanInput {
  replica: string;
  /** Every configured cluster. */
  clusters: readonly string[];
  /** The clusters this replica holds now. */
  held: ReadonlySet<string>;
  /** Replicas alive now (this one included). */
  liveReplicas: number;
}

export interface LeasePlan {
  fairShare: number;
  renew: string[];
  /** Held beyond the fair share while other replicas are alive: given up, for them to take. */
  release: string[];
  /** Not held: tried in this order until the fair share is held (another's unexpired lease refuses). */
  tryToTake: string[];
}

/** The order in which `replica` prefers clusters: stable, and different for each replica. */
export function preferenceOrder(replica: string, clusters: readonly string[]): string[] {
  const rank = (cluster: string) => createHash('sha256').update(`${replica}\u0000${cluster}`).digest('hex');
  return [...clusters].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}

export function planLeases({ replica, clusters, held, liveReplicas }: LeasePlanInput): LeasePlan {
  const fairShare = Math.ceil(clusters.length / Math.max(1, liveReplicas));
  const order = preferenceOrder(replica, clusters);
  const mine = order.filter((cluster) => held.has(cluster));
  // Alone, a replica keeps everything it holds; with others, it keeps its share.
  const keep = liveReplicas > 1 ? mine.slice(0, fairShare) : mine;
  return {
    fairShare,
    renew: keep,
    release: mine.slice(keep.length),
    tryToTake: keep.length < fairShare ? order.filter((cluster) => !held.has(cluster)) : [],
  };
}
