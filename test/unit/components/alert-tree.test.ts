import { describe, expect, it } from 'vitest';
import { alertsOfCauseStatus, alertTree, causedByText } from '@/components/alerts/alert-tree';
import type { AlertView } from '@/lib/api/alert-schemas';

function alert(key: string, overrides: Partial<AlertView> = {}): AlertView {
  return {
    key,
    rule: key.split(':')[0],
    severity: 'warning',
    status: 'firing',
    subject: { cluster: 'prod' },
    value: 1,
    threshold: 0,
    message: key,
    href: '/clusters/prod',
    since: 0,
    firedAt: 0,
    resolvedAt: null,
    lastSeenAt: 0,
    silencedBy: null,
    inhibitedBy: null,
    ...overrides,
  };
}

const broker = alert('broker-unreachable:prod:3', { severity: 'critical', subject: { cluster: 'prod', broker: 3 } });
const under = alert('under-replicated-partitions:prod', { inhibitedBy: broker.key });
const skew = alert('partition-skew:prod:leaders', { status: 'pending', inhibitedBy: broker.key });
const lag = alert('group-time-lag:prod:billing');

describe('alertTree', () => {
  it('nests each inhibited alert under its cause, in the order given', () => {
    expect(alertTree([broker, under, lag, skew]).map((n) => [n.alert.key, n.caused.map((c) => c.key)])).toEqual([
      [broker.key, [under.key, skew.key]],
      [lag.key, []],
    ]);
  });

  it('keeps an inhibited alert whose cause is not listed on its own', () => {
    expect(alertTree([under, lag]).map((n) => n.alert.key)).toEqual([under.key, lag.key]);
  });
});

describe('alertsOfCauseStatus', () => {
  it("lists a section's causes with what they cause, whatever its status", () => {
    const active = [broker, under, skew, lag, alert('hygiene:prod:brokers', { status: 'pending' })];
    expect(alertsOfCauseStatus(active, 'firing').map((a) => a.key)).toEqual([broker.key, under.key, skew.key, lag.key]);
    expect(alertsOfCauseStatus(active, 'pending').map((a) => a.key)).toEqual(['hygiene:prod:brokers']);
  });
});

describe('causedByText', () => {
  it('names the cause by rule and subject, or by its key when it is not listed', () => {
    expect(causedByText(broker.key, broker)).toBe('caused by broker-unreachable (broker 3)');
    expect(causedByText(broker.key, undefined)).toBe('caused by broker-unreachable:prod:3');
  });
});
