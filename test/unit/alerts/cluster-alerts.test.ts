import { afterEach, describe, expect, it } from 'vitest';
import { AlertStore } from '@/lib/alerts/alert-store';
import { ClusterAlerts } from '@/lib/alerts/cluster-alerts';
import { openHistoryDatabase, type HistoryDatabase } from '@/lib/history/database';
import { clusterState } from '../../helpers/cluster-state-builder';

const LIFECYCLE = { forMs: 30_000, resolveAfterMs: 60_000 };
let db: HistoryDatabase;
afterEach(() => db?.close());

/** The builder's cluster has broker 2 down; `healthy` brings it back. */
function state(healthy = false) {
  const s = clusterState();
  if (healthy) {
    s.snapshot!.brokers[1].reachable = true;
    s.snapshot!.topics[0].partitions[0].isr = [1, 2];
  }
  return s;
}

const brokerAlert = (alerts: ClusterAlerts) => alerts.active().find((a) => a.rule === 'broker-unreachable');

describe('ClusterAlerts', () => {
  it('fires after the "for" duration, keeps firing alerts across a restart, and stores the resolution', () => {
    db = openHistoryDatabase(':memory:');
    const first = new ClusterAlerts(new AlertStore(db, 'prod'), LIFECYCLE);
    expect(first.evaluate(state(), 0)).toEqual([]);
    expect(brokerAlert(first)?.status).toBe('pending');
    const fired = first.evaluate(state(), 30_000).filter((t) => t.kind === 'fired');
    expect(fired.map((t) => t.alert.rule)).toContain('broker-unreachable');

    // A restart: the firing alert is loaded, not fired again.
    const second = new ClusterAlerts(new AlertStore(db, 'prod'), LIFECYCLE);
    expect(brokerAlert(second)).toMatchObject({ status: 'firing', firedAt: 30_000 });
    expect(second.evaluate(state(), 40_000).filter((t) => t.kind === 'fired')).toEqual([]);

    second.evaluate(state(true), 50_000);
    const resolved = second.evaluate(state(true), 110_000).filter((t) => t.kind === 'resolved');
    expect(resolved.map((t) => t.alert.rule)).toContain('broker-unreachable');
    expect(second.recent().find((a) => a.rule === 'broker-unreachable')).toMatchObject({
      status: 'resolved',
      firedAt: 30_000,
      resolvedAt: 110_000,
    });
  });

  it('neither fires nor resolves anything while the cluster is unreachable', () => {
    db = openHistoryDatabase(':memory:');
    const alerts = new ClusterAlerts(new AlertStore(db, 'prod'), { forMs: 0, resolveAfterMs: 0 });
    alerts.evaluate(state(), 0);
    const before = alerts.active().length;
    expect(alerts.evaluate({ ...state(true), error: 'unreachable' }, 100_000)).toEqual([]);
    expect(alerts.active()).toHaveLength(before);
  });

  it('keeps clusters apart in the store', () => {
    db = openHistoryDatabase(':memory:');
    new ClusterAlerts(new AlertStore(db, 'prod'), { forMs: 0, resolveAfterMs: 0 }).evaluate(state(), 0);
    expect(new ClusterAlerts(new AlertStore(db, 'other')).active()).toEqual([]);
  });
});
