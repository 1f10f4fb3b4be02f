/**
 * pending → firing → resolved, one cycle at a time. Pure: the collector feeds it
 * the cycle's conditions and stores what it returns.
 *
 * - A condition fires after it has held for its own `forMs`, or the options' (0: at once).
 * - A pending condition that goes away is dropped without a word.
 * - A firing condition resolves only after it has stayed away for `resolveAfterMs`,
 *   so a flapping condition keeps one alert firing instead of a stream of
 *   fired/resolved notifications; if it comes back in that time it simply goes on.
 * - The same condition never fires twice while it lasts: its key stays in `firing`.
 */
import type { AlertState, Condition, Transition } from './alert-types';

export interface LifecycleOptions {
  forMs: number;
  resolveAfterMs: number;
}

export interface LifecycleResult {
  /** Pending and firing alerts, by key. */
  active: Map<string, AlertState>;
  transitions: Transition[];
}

export function advanceAlerts(
  active: ReadonlyMap<string, AlertState>,
  conditions: Condition[],
  nowMs: number,
  options: LifecycleOptions,
): LifecycleResult {
  const next = new Map<string, AlertState>();
  const transitions: Transition[] = [];
  const seen = new Set<string>();
  for (const condition of conditions) {
    if (seen.has(condition.key)) continue;
    seen.add(condition.key);
    const previous = active.get(condition.key);
    const alert: AlertState = previous
      ? { ...previous, ...condition, lastSeenAt: nowMs }
      : { ...condition, status: 'pending', since: nowMs, firedAt: null, resolvedAt: null, lastSeenAt: nowMs };
    if (alert.status === 'pending' && nowMs - alert.since >= (condition.forMs ?? options.forMs)) {
      alert.status = 'firing';
      alert.firedAt = nowMs;
      transitions.push({ kind: 'fired', alert });
    }
    next.set(condition.key, alert);
  }
  for (const [key, alert] of active) {
    if (seen.has(key) || alert.status !== 'firing') continue;
    if (nowMs - alert.lastSeenAt < options.resolveAfterMs) {
      next.set(key, alert);
      continue;
    }
    transitions.push({ kind: 'resolved', alert: { ...alert, status: 'resolved', resolvedAt: nowMs } });
  }
  return { active: next, transitions };
}
