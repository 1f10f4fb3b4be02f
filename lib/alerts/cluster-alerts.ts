/**
 * One cluster's alerts: after every good cycle, evaluate the rules, advance the
 * lifecycle, store it, and hand the transitions on (notifiers hook in there).
 */
import type { ClusterState } from '../collector/snapshot';
import { advanceAlerts, type LifecycleOptions } from './alert-lifecycle';
import type { AlertStore } from './alert-store';
import { DEFAULT_ALERT_THRESHOLDS, type AlertThresholds } from './alert-thresholds';
import type { AlertState, Transition } from './alert-types';
import { evaluateRules } from './evaluate-rules';

export const DEFAULT_LIFECYCLE: LifecycleOptions = { forMs: 30_000, resolveAfterMs: 60_000 };

export class ClusterAlerts {
  #active: Map<string, AlertState>;

  constructor(
    private readonly store: AlertStore,
    private readonly lifecycle: LifecycleOptions = DEFAULT_LIFECYCLE,
    private readonly thresholds: AlertThresholds = DEFAULT_ALERT_THRESHOLDS,
  ) {
    this.#active = store.loadActive();
  }

  /**
   * Only a good cycle is evaluated: while the cluster is unreachable its last
   * snapshot is stale, so nothing fires or resolves on it (the cluster's own
   * reachability is reported by health and metrics).
   */
  evaluate(state: ClusterState, nowMs: number): Transition[] {
    if (state.error !== null || !state.snapshot) return [];
    const { active, transitions } = advanceAlerts(
      this.#active,
      evaluateRules(state, this.thresholds),
      nowMs,
      this.lifecycle,
    );
    this.#active = active;
    this.store.save(
      active,
      transitions.filter((t) => t.kind === 'resolved').map((t) => t.alert),
    );
    return transitions;
  }

  active(): AlertState[] {
    return [...this.#active.values()];
  }

  recent(limit?: number): AlertState[] {
    return this.store.recentResolved(limit);
  }
}
