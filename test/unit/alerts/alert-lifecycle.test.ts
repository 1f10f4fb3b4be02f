import { describe, expect, it } from 'vitest';
import { advanceAlerts, type LifecycleOptions } from '@/lib/alerts/alert-lifecycle';
import type { AlertState, Condition } from '@/lib/alerts/alert-types';

const OPTIONS: LifecycleOptions = { forMs: 60_000, resolveAfterMs: 120_000 };

function condition(key = 'broker-unreachable:c:3', value = 1): Condition {
  return {
    key,
    rule: 'broker-unreachable',
    severity: 'critical',
    subject: { cluster: 'c', broker: 3 },
    value,
    threshold: 0,
    message: 'Broker 3 is unreachable.',
    href: '/clusters/c/brokers',
  };
}

/** Runs cycles at the given times, each with or without the condition; returns every transition. */
function run(cycles: [number, boolean][], options = OPTIONS) {
  let active = new Map<string, AlertState>();
  const transitions: string[] = [];
  for (const [t, present] of cycles) {
    const result = advanceAlerts(active, present ? [condition()] : [], t, options);
    active = result.active;
    transitions.push(...result.transitions.map((x) => `${x.kind}@${t}`));
  }
  return { active, transitions };
}

describe('advanceAlerts', () => {
  it('keeps a new condition pending until it has held for the "for" duration, then fires once', () => {
    const { active, transitions } = run([
      [0, true],
      [30_000, true],
      [60_000, true],
      [90_000, true],
    ]);
    expect(transitions).toEqual(['fired@60000']);
    expect(active.get('broker-unreachable:c:3')).toMatchObject({ status: 'firing', since: 0, firedAt: 60_000 });
  });

  it('fires at once with a "for" of 0', () => {
    expect(run([[0, true]], { forMs: 0, resolveAfterMs: 0 }).transitions).toEqual(['fired@0']);
  });

  it('drops a pending condition that goes away, without any notification', () => {
    const { active, transitions } = run([
      [0, true],
      [30_000, false],
    ]);
    expect(transitions).toEqual([]);
    expect(active.size).toBe(0);
  });

  it('resolves a firing alert only after the condition stayed away for the resolve delay', () => {
    const { transitions } = run([
      [0, true],
      [60_000, true],
      [70_000, false],
      [150_000, false],
      [190_000, false],
    ]);
    expect(transitions).toEqual(['fired@60000', 'resolved@190000']);
  });

  it('does not spam a flapping condition: one firing alert while it comes and goes', () => {
    const cycles: [number, boolean][] = [];
    for (let t = 0; t <= 600_000; t += 10_000) cycles.push([t, Math.floor(t / 30_000) % 2 === 0 || t < 60_000]);
    expect(run(cycles).transitions).toEqual(['fired@60000']);
  });

  it('fires again for a new occurrence after the previous one resolved', () => {
    const { transitions } = run([
      [0, true],
      [60_000, true],
      [200_000, false],
      [300_000, true],
      [360_000, true],
    ]);
    expect(transitions).toEqual(['fired@60000', 'resolved@200000', 'fired@360000']);
  });

  it('keeps the latest value and message of a firing alert', () => {
    let active = advanceAlerts(new Map(), [condition('k', 5)], 0, { forMs: 0, resolveAfterMs: 0 }).active;
    active = advanceAlerts(active, [condition('k', 9)], 10_000, { forMs: 0, resolveAfterMs: 0 }).active;
    expect(active.get('k')).toMatchObject({ value: 9, firedAt: 0, status: 'firing' });
  });
});
