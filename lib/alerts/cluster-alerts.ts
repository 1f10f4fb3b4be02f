/**
 * One cluster's alerts: after every good cycle, evaluate the rules, advance the
 * lifecycle, mark the alerts another one explains (inhibition), store it, and return
 * what the notifiers should send.
 *
 * Silences and inhibition mute notifications only: a silenced or inhibited alert still
 * fires and shows. Its firing is sent if it is still firing when the silence ends or
 * its cause goes, and a resolution is sent only for an alert whose firing was sent.
 */
import type { ClusterState } from '../collector/snapshot';
import { advanceAlerts, type LifecycleOptions } from './alert-lifecycle';
import { AlertPolicy } from './alert-policy';
import type { AlertStore } from './alert-store';
import type { AlertState, Condition, Transition } from './alert-types';
import { clusterUnreachableCondition } from './cluster-rules';
import { evaluateRules } from './evaluate-rules';
import { inhibitions } from './alert-inhibition';
import { LeaseLostError } from '../replicas/lease-lost';
import { silenceMatches, type EndedSilence, type Silence, type SilenceStore } from './silences';

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
   *
   * `groupFindings`: the group rules' conditions for this state's snapshot, when the collector
   * thread evaluated them already; evaluated here otherwise.
   */
  evaluate(state: ClusterState, nowMs: number, groupFindings?: Condition[] | null): Transition[] {
    let conditions: Condition[];
    if (state.error !== null) {
      const unreachable = clusterUnreachableCondition(state, this.#policy, nowMs);
      const carried = [...this.#active.values()].filter(
        (a) => a.status === 'firing' && a.rule !== 'cluster-unreachable',
      );
      conditions = [...(unreachable ? [unreachable] : []), ...carried.map(asCondition)];
    } else if (state.snapshot) {
      conditions = evaluateRules(state, this.#policy, groupFindings ?? undefined);
    } else {
      return []; // not collected yet
    }
    const { active, transitions } = advanceAlerts(this.#active, conditions, nowMs, this.#lifecycle);
    this.#inhibit(active, state, nowMs);
    const silences = this.silences(nowMs);
    const muted = (alert: AlertState) => alert.inhibitedBy != null || silencedBy(silences, alert) !== null;
    const toSend: Transition[] = [];
    for (const transition of transitions) {
      const { alert } = transition;
      if (transition.kind === 'fired') {
        alert.notified = !muted(alert);
        if (alert.notified) toSend.push(transition);
      } else if (alert.notified !== false) {
        toSend.push(transition);
      }
    }
    // A silence that ended, or a cause that went, while the alert still holds: send the firing now.
    for (const alert of active.values()) {
      if (alert.status === 'firing' && alert.notified === false && alert.lastSeenAt === nowMs && !muted(alert)) {
        alert.notified = true;
        toSend.push({ kind: 'fired', alert });
      }
    }
    try {
      this.store.save(
        active,
        transitions.filter((t) => t.kind === 'resolved').map((t) => t.alert),
        nowMs,
      );
      this.#saveError = null;
    } catch (error) {
      // Another replica polls the cluster now and runs its alerts: this one sends nothing.
      if (error instanceof LeaseLostError) throw error;
      // A full disk must not stop alerting: the alerts live on in memory and are still sent.
      this.#saveError = error instanceof Error ? error.message : String(error);
    }
    this.#active = active;
    return toSend;
  }

  /**
   * Marks each active alert with the alert that explains it, if any. One whose condition
   * has cleared (kept firing until it resolves) keeps the cause it had while that cause
   * lasts: the snapshot no longer shows what it counted, and it must not come out from
   * under its cause only to resolve.
   */
  #inhibit(active: Map<string, AlertState>, state: ClusterState, nowMs: number): void {
    const causes = inhibitions(active.values(), state.snapshot);
    for (const alert of active.values()) {
      const cleared = alert.lastSeenAt < nowMs;
      const kept = cleared && alert.inhibitedBy != null && active.has(alert.inhibitedBy) ? alert.inhibitedBy : null;
      alert.inhibitedBy = causes.get(alert.key) ?? kept;
    }
  }

  /**
   * Reads the active alerts again as stored (a replica showing the alerts of a cluster that
   * another replica polls and evaluates).
   */
  reload(): void {
    this.#active = this.store.loadActive();
  }

  /** Stores every active alert's last sighting and value, which saves write only now and then (shutdown). */
  flush(nowMs: number): void {
    this.store.flush(this.#active, nowMs);
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

  /**
   * Firing alerts whose firing was sent and that are neither silenced nor inhibited now. As
   * for resolutions, an alert stored before `notified` was kept counts as sent.
   */
  notifiedFiring(nowMs: number): AlertState[] {
    const silences = this.silences(nowMs);
    return this.active().filter(
      (a) => a.status === 'firing' && a.notified !== false && a.inhibitedBy == null && !silencedBy(silences, a),
    );
  }

  endedSilences(nowMs: number): EndedSilence[] {
    return this.#silences?.endedRecently(nowMs) ?? [];
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
