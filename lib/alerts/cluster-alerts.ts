/**
 * One cluster's alerts: after every good cycle, evaluate the rules, advance the
 * lifecycle, store it, and return what the notifiers should send.
 *
 * Silences mute notifications only: a silenced alert still fires and shows. Its
 * firing is sent if it is still firing when the silence ends, and a resolution is
 * sent only for an alert whose firing was sent.
 */
import type { ClusterState } from '../collector/snapshot';
import { advanceAlerts, type LifecycleOptions } from './alert-lifecycle';
import { AlertPolicy } from './alert-policy';
import type { AlertStore } from './alert-store';
import type { AlertState, Condition, Transition } from './alert-types';
import { clusterUnreachableCondition } from './cluster-rules';
import { evaluateRules } from './evaluate-rules';
import { silenceMatches, type Silence, type SilenceStore } from './silences';

/** `forMs` here is only the fallback: the policy gives every condition its own. */
export const DEFAULT_LIFECYCLE: LifecycleOptions = { forMs: 30_000, resolveAfterMs: 60_000 };

export interface ClusterAlertsOptions {
  lifecycle?: LifecycleOptions;
  policy?: AlertPolicy;
  silences?: SilenceStore | null;
}

export class ClusterAlerts {
  #active: Map<string, AlertState>;
  readonly #lifecycle: LifecycleOptions;
  readonly #policy: AlertPolicy;
  readonly #silences: SilenceStore | null;
  #saveError: string | null = null;

  constructor(
    private readonly store: AlertStore,
    options: ClusterAlertsOptions = {},
  ) {
    this.#lifecycle = options.lifecycle ?? DEFAULT_LIFECYCLE;
    this.#policy = options.policy ?? new AlertPolicy();
    this.#silences = options.silences ?? null;
    this.#active = store.loadActive();
  }

  /**
   * A good cycle is evaluated against every rule. A failed cycle raises only
   * cluster-unreachable: the last snapshot is stale, so nothing else fires or
   * resolves on it; firing alerts are carried over unchanged and pending ones
   * start again once the cluster answers.
   */
  evaluate(state: ClusterState, nowMs: number): Transition[] {
    let conditions: Condition[];
    if (state.error !== null) {
      const unreachable = clusterUnreachableCondition(state, this.#policy, nowMs);
      const carried = [...this.#active.values()].filter(
        (a) => a.status === 'firing' && a.rule !== 'cluster-unreachable',
      );
      conditions = [...(unreachable ? [unreachable] : []), ...carried.map(asCondition)];
    } else if (state.snapshot) {
      conditions = evaluateRules(state, this.#policy);
    } else {
      return []; // not collected yet
    }
    const { active, transitions } = advanceAlerts(this.#active, conditions, nowMs, this.#lifecycle);
    const silences = this.silences(nowMs);
    const toSend: Transition[] = [];
    for (const transition of transitions) {
      const { alert } = transition;
      if (transition.kind === 'fired') {
        alert.notified = !silencedBy(silences, alert);
        if (alert.notified) toSend.push(transition);
      } else if (alert.notified !== false) {
        toSend.push(transition);
      }
    }
    // A silence that ended while its alert still fires: send the firing now.
    for (const alert of active.values()) {
      if (alert.status === 'firing' && alert.notified === false && !silencedBy(silences, alert)) {
        alert.notified = true;
        toSend.push({ kind: 'fired', alert });
      }
    }
    this.#active = active;
    try {
      this.store.save(
        active,
        transitions.filter((t) => t.kind === 'resolved').map((t) => t.alert),
        nowMs,
      );
      this.#saveError = null;
    } catch (error) {
      // A full disk must not stop alerting: the alerts live on in memory and are still sent.
      this.#saveError = error instanceof Error ? error.message : String(error);
    }
    return toSend;
  }

  /** Why the last evaluation could not be stored (the history database failing), or null. */
  saveError(): string | null {
    return this.#saveError;
  }

  active(): AlertState[] {
    return [...this.#active.values()];
  }

  recent(limit?: number): AlertState[] {
    return this.store.recentResolved(limit);
  }

  silences(nowMs: number): Silence[] {
    return this.#silences?.inEffect(nowMs) ?? [];
  }

  silenceStore(): SilenceStore | null {
    return this.#silences;
  }
}

/** The first silence in effect that matches the alert, or null. */
export function silencedBy(silences: Silence[], alert: AlertState): Silence | null {
  return silences.find((s) => silenceMatches(s.match, alert)) ?? null;
}

/** A firing alert as the condition it was last seen with, to carry it over a failed cycle. */
function asCondition(alert: AlertState): Condition {
  const { key, rule, severity, subject, value, threshold, message, href, forMs } = alert;
  return { key, rule, severity, subject, value, threshold, message, href, forMs };
}
