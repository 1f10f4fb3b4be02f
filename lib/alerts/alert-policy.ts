/**
 * Which thresholds, "for" duration and rules apply to an alert: the defaults, then the
 * config's global `alerts`, then the cluster's, then every override whose patterns
 * match (global overrides first, then the cluster's, each in file order; later wins).
 *
 * An override names a `group` pattern, a `topic` pattern or both, and applies where
 * all it names match:
 * - per-topic group checks (time lag, retention) see the group and that topic;
 * - the other group rules see the group and match a topic pattern when any topic
 *   the group reads matches;
 * - cluster rules (brokers, partitions, skew, disks, hygiene) use the cluster's
 *   settings only.
 */
import { DEFAULT_ALERT_THRESHOLDS, type AlertThresholds } from './alert-thresholds';
import type { RuleId } from './alert-types';
import { globMatches } from './glob';

export interface AlertTuning extends Partial<AlertThresholds> {
  /** How long a condition must hold before it fires. */
  forSeconds?: number;
  disabledRules?: RuleId[];
}

export interface AlertOverride extends AlertTuning {
  group?: string;
  topic?: string;
}

export interface ResolvedTuning extends AlertThresholds {
  forMs: number;
  disabled: ReadonlySet<RuleId>;
}

export interface PolicyScope {
  group?: string;
  /** The topic of a per-topic check, or every topic the group reads. */
  topics?: readonly string[];
}

export const DEFAULT_FOR_SECONDS = 30;

function apply(base: ResolvedTuning, tuning: AlertTuning): ResolvedTuning {
  const { forSeconds, disabledRules, ...thresholds } = tuning;
  const defined = Object.fromEntries(Object.entries(thresholds).filter(([, v]) => v !== undefined));
  return {
    ...base,
    ...defined,
    forMs: forSeconds === undefined ? base.forMs : forSeconds * 1000,
    disabled: disabledRules ? new Set([...base.disabled, ...disabledRules]) : base.disabled,
  };
}

export class AlertPolicy {
  readonly #cluster: ResolvedTuning;
  readonly #cache = new Map<string, ResolvedTuning>();

  /** `layers`: global then cluster tuning; `overrides`: global then cluster overrides. */
  constructor(
    layers: AlertTuning[] = [],
    private readonly overrides: AlertOverride[] = [],
  ) {
    const defaults: ResolvedTuning = {
      ...DEFAULT_ALERT_THRESHOLDS,
      forMs: DEFAULT_FOR_SECONDS * 1000,
      disabled: new Set(),
    };
    this.#cluster = layers.reduce(apply, defaults);
  }

  /** For tests and simple setups: thresholds (and "for") over the defaults. */
  static of(tuning: AlertTuning): AlertPolicy {
    return new AlertPolicy([tuning]);
  }

  cluster(): ResolvedTuning {
    return this.#cluster;
  }

  tuningFor(scope: PolicyScope): ResolvedTuning {
    if (this.overrides.length === 0 || scope.group === undefined) return this.#cluster;
    const cacheKey = `${scope.group}\u0000${(scope.topics ?? []).join('\u0000')}`;
    let resolved = this.#cache.get(cacheKey);
    if (!resolved) {
      resolved = this.overrides.filter((o) => matches(o, scope)).reduce(apply, this.#cluster);
      if (this.#cache.size > 50_000) this.#cache.clear();
      this.#cache.set(cacheKey, resolved);
    }
    return resolved;
  }
}

function matches(override: AlertOverride, scope: PolicyScope): boolean {
  if (override.group === undefined && override.topic === undefined) return false;
  if (override.group !== undefined && !globMatches(override.group, scope.group ?? '')) return false;
  if (override.topic !== undefined && !(scope.topics ?? []).some((t) => globMatches(override.topic!, t))) return false;
  return true;
}
