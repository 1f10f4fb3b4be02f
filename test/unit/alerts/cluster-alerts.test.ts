import { afterEach, describe, expect, it } from 'vitest';
import { AlertStore } from '@/lib/alerts/alert-store';
import { AlertPolicy } from '@/lib/alerts/alert-policy';
import { ClusterAlerts } from '@/lib/alerts/cluster-alerts';
import { LeaseLostError } from '@/lib/replicas/lease-lost';
import { SilenceStore, type Silence } from '@/lib/alerts/silences';
import { openHistoryDatabase, type SqliteDatabase } from '@/lib/history/database';
import { clusterState, withGroupAnalyses } from '../../helpers/cluster-state-builder';

const OPTIONS = { policy: AlertPolicy.of({ forSeconds: 30 }), lifecycle: { forMs: 30_000, resolveAfterMs: 60_000 } };
const AT_ONCE = { policy: AlertPolicy.of({ forSeconds: 0 }), lifecycle: { forMs: 0, resolveAfterMs: 0 } };
let db: SqliteDatabase;
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
    const first = new ClusterAlerts(new AlertStore(db, 'prod'), OPTIONS);
    expect(first.evaluate(state(), 0)).toEqual([]);
    expect(brokerAlert(first)?.status).toBe('pending');
    const fired = first.evaluate(state(), 30_000).filter((t) => t.kind === 'fired');
    expect(fired.map((t) => t.alert.rule)).toContain('broker-unreachable');

    // A restart: the firing alert is loaded, not fired again.
    const second = new ClusterAlerts(new AlertStore(db, 'prod'), OPTIONS);
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

  it('raises only cluster-unreachable while the cluster cannot be reached: nothing else fires or resolves', () => {
    db = openHistoryDatabase(':memory:');
    const alerts = new ClusterAlerts(new AlertStore(db, 'prod'), AT_ONCE);
    alerts.evaluate(state(), 0);
    const before = alerts.active().map((a) => `${a.key}:${a.status}`);
    const unreachable = { ...state(true), error: 'connect ECONNREFUSED', lastSuccessAt: 0 };
    const sent = alerts.evaluate(unreachable, 100_000);
    expect(sent.map((t) => `${t.kind}:${t.alert.rule}`)).toEqual(['fired:cluster-unreachable']);
    expect(sent[0].alert).toMatchObject({
      severity: 'critical',
      value: 100,
      href: '/clusters/prod',
      message: expect.stringContaining('connect ECONNREFUSED'),
    });
    // Everything that fired before is still firing, though the stale snapshot says healthy.
    expect(alerts.evaluate(unreachable, 200_000)).toEqual([]);
    const during = alerts.active().filter((a) => a.rule !== 'cluster-unreachable');
    expect(during.map((a) => `${a.key}:${a.status}`)).toEqual(before);
    // …and shown under it: nothing else can be told while no broker answers.
    expect(new Set(during.map((a) => a.inhibitedBy))).toEqual(new Set(['cluster-unreachable:prod']));
    // Back: cluster-unreachable resolves, and the healthy snapshot resolves the rest.
    const back = alerts.evaluate(state(true), 300_000).map((t) => `${t.kind}:${t.alert.rule}`);
    expect(back).toContain('resolved:cluster-unreachable');
    expect(back).toContain('resolved:broker-unreachable');
  });

  it('says nothing before the first collection', () => {
    db = openHistoryDatabase(':memory:');
    const alerts = new ClusterAlerts(new AlertStore(db, 'prod'), AT_ONCE);
    expect(alerts.evaluate({ ...state(), snapshot: null, analysis: null }, 0)).toEqual([]);
    expect(alerts.active()).toEqual([]);
  });

  it('keeps clusters apart in the store', () => {
    db = openHistoryDatabase(':memory:');
    new ClusterAlerts(new AlertStore(db, 'prod'), AT_ONCE).evaluate(state(), 0);
    expect(new ClusterAlerts(new AlertStore(db, 'other')).active()).toEqual([]);
  });

  it('mutes a silenced alert: it fires and shows, but nothing is sent until the silence ends', () => {
    db = openHistoryDatabase(':memory:');
    const silences = new SilenceStore(db, 'prod');
    const alerts = new ClusterAlerts(new AlertStore(db, 'prod'), { ...AT_ONCE, silences });
    const silence = silences.create({ rule: 'broker-*', broker: '2' }, 60_000, 'maintenance', 'alice', 0) as Silence;
    const sent = alerts.evaluate(state(), 1_000).map((t) => t.alert.rule);
    expect(sent).not.toContain('broker-unreachable');
    // The broker's under-replicated partition is its consequence, inhibited whether or not it is silenced.
    expect(sent).not.toContain('under-replicated-partitions');
    expect(sent).toContain('hygiene');
    expect(brokerAlert(alerts)?.status).toBe('firing');
    expect(alerts.silences(1_000).map((s) => s.id)).toEqual([silence.id]);
    // Still down when the silence ends: the firing is sent then, once.
    expect(alerts.evaluate(state(), 61_000).map((t) => `${t.kind}:${t.alert.rule}`)).toEqual([
      'fired:broker-unreachable',
    ]);
    expect(alerts.evaluate(state(), 62_000)).toEqual([]);
  });

  it('lists as notified firing only what was sent and is neither silenced nor inhibited now', () => {
    db = openHistoryDatabase(':memory:');
    const silences = new SilenceStore(db, 'prod');
    const alerts = new ClusterAlerts(new AlertStore(db, 'prod'), { ...AT_ONCE, silences });
    const sent = alerts.evaluate(state(), 1_000).map((t) => t.alert.key);
    const notified = alerts.notifiedFiring(1_000).map((a) => a.key);
    expect(notified.sort()).toEqual([...sent].sort());
    expect(notified.some((k) => k.startsWith('broker-unreachable'))).toBe(true);
    // The under-replicated partition is inhibited by the broker down: firing, never sent.
    expect(alerts.active().some((a) => a.rule === 'under-replicated-partitions' && a.status === 'firing')).toBe(true);
    expect(notified.some((k) => k.startsWith('under-replicated-partitions'))).toBe(false);
    // Silenced after it was sent: no longer refreshed.
    silences.create({ rule: 'broker-unreachable' }, 60_000, '', 'alice', 2_000);
    expect(alerts.notifiedFiring(2_000).some((a) => a.rule === 'broker-unreachable')).toBe(false);
  });

  it('sends no resolution for an alert whose firing was silenced or inhibited, even after a restart', () => {
    db = openHistoryDatabase(':memory:');
    const silences = new SilenceStore(db, 'prod');
    silences.create({ broker: '2' }, 600_000, '', 'alice', 0);
    const diskFull = state();
    diskFull.snapshot!.logDirs = [{ broker: 1, path: '/d', error: null, totalBytes: 100, usableBytes: 1 }];
    new ClusterAlerts(new AlertStore(db, 'prod'), { ...AT_ONCE, silences }).evaluate(diskFull, 1_000);
    const restarted = new ClusterAlerts(new AlertStore(db, 'prod'), {
      ...AT_ONCE,
      silences: new SilenceStore(db, 'prod'),
    });
    const resolved = restarted.evaluate(state(true), 2_000).map((t) => `${t.kind}:${t.alert.rule}`);
    expect(resolved).toEqual(['resolved:log-dir-usage']);
  });

  it('inhibits what a broker down explains: listed under it, sent only if it still holds once the broker is back', () => {
    db = openHistoryDatabase(':memory:');
    const alerts = new ClusterAlerts(new AlertStore(db, 'prod'), AT_ONCE);
    const sent = alerts.evaluate(state(), 0).map((t) => `${t.kind}:${t.alert.rule}`);
    expect(sent).toEqual(['fired:broker-unreachable', 'fired:hygiene']);
    const under = () => alerts.active().find((a) => a.rule === 'under-replicated-partitions');
    expect(under()).toMatchObject({ status: 'firing', inhibitedBy: 'broker-unreachable:prod:2', notified: false });
    expect(alerts.evaluate(state(), 10_000)).toEqual([]);

    // The broker answers again, but its replica has not caught up yet: now it is news.
    const back = state();
    back.snapshot!.brokers[1].reachable = true;
    const after = alerts.evaluate(back, 20_000).map((t) => `${t.kind}:${t.alert.rule}`);
    expect(after).toEqual(['resolved:broker-unreachable', 'fired:under-replicated-partitions']);
    expect(under()).toMatchObject({ inhibitedBy: null, notified: true });
    expect(alerts.evaluate(state(true), 30_000).map((t) => `${t.kind}:${t.alert.rule}`)).toEqual([
      'resolved:under-replicated-partitions',
    ]);
  });

  it('resolves without a word an inhibited alert whose condition clears while its cause still fires', () => {
    db = openHistoryDatabase(':memory:');
    const alerts = new ClusterAlerts(new AlertStore(db, 'prod'), {
      policy: AlertPolicy.of({ forSeconds: 0 }),
      lifecycle: { forMs: 0, resolveAfterMs: 20_000 },
    });
    alerts.evaluate(state(), 0);
    // Both conditions clear; both alerts keep firing until they resolve, the consequence still under its cause.
    expect(alerts.evaluate(state(true), 10_000)).toEqual([]);
    expect(alerts.active().find((a) => a.rule === 'under-replicated-partitions')?.inhibitedBy).toBe(
      'broker-unreachable:prod:2',
    );
    expect(alerts.evaluate(state(true), 30_000).map((t) => `${t.kind}:${t.alert.rule}`)).toEqual([
      'resolved:broker-unreachable',
    ]);
  });

  it('holds back a consequence seen before its cause while the cause is pending, and says it once it fires', () => {
    db = openHistoryDatabase(':memory:');
    const alerts = new ClusterAlerts(new AlertStore(db, 'prod'), OPTIONS);
    // Leaders moved off broker 2 (controlled shutdown) a cycle before it stopped answering.
    const leadersMoved = withGroupAnalyses(new Map(), state(true));
    leadersMoved.analysis!.distribution.skew.leaders = 2;
    const down = { ...state(), analysis: leadersMoved.analysis };
    alerts.evaluate(leadersMoved, 0);
    alerts.evaluate(down, 10_000);
    const skew = () => alerts.active().find((a) => a.rule === 'partition-skew');
    expect(skew()).toMatchObject({ status: 'pending', inhibitedBy: 'broker-unreachable:prod:2' });
    expect(alerts.evaluate(down, 30_000).map((t) => t.alert.rule)).not.toContain('partition-skew');
    expect(skew()).toMatchObject({ status: 'firing', notified: false });
    expect(alerts.evaluate(down, 40_000).map((t) => t.alert.rule)).toContain('broker-unreachable');
  });

  it('expires UI silences but not config silences, and keeps them per cluster', () => {
    db = openHistoryDatabase(':memory:');
    const fromConfig = [
      {
        id: 'config-1',
        source: 'config' as const,
        cluster: 'prod',
        match: { group: 'batch-*' },
        startsAt: 0,
        endsAt: null,
        comment: '',
        createdBy: null,
      },
    ];
    const prod = new SilenceStore(db, 'prod', fromConfig);
    const made = prod.create({ topic: 'orders' }, 60_000, 'deploy', 'alice', 0) as Silence;
    expect(new SilenceStore(db, 'other').inEffect(1)).toEqual([]);
    expect(prod.inEffect(1).map((s) => s.id)).toEqual(['config-1', made.id]);
    expect(prod.expire('config-1', 'bob', 2)).toBe('from-config');
    expect(prod.expire('999', 'bob', 2)).toBe('not-found');
    expect(new SilenceStore(db, 'other').expire(made.id, 'bob', 2)).toBe('not-found');
    expect(prod.expire(made.id, 'bob', 2)).toBe('expired');
    expect(prod.inEffect(3).map((s) => s.id)).toEqual(['config-1']);
    expect(prod.expire(made.id, 'bob', 4)).toBe('not-found');
  });

  it('deletes resolved alerts once they are older than the history keeps, checking about hourly', () => {
    db = openHistoryDatabase(':memory:');
    const alerts = new ClusterAlerts(new AlertStore(db, 'prod', 600_000), AT_ONCE);
    alerts.evaluate(state(), 0);
    alerts.evaluate(state(true), 1_000);
    expect(alerts.recent().map((a) => a.rule)).toContain('broker-unreachable');
    alerts.evaluate(state(true), 1_800_000); // old enough, but the last check was under an hour ago
    expect(alerts.recent().map((a) => a.rule)).toContain('broker-unreachable');
    alerts.evaluate(state(true), 3_600_000);
    expect(alerts.recent()).toEqual([]);
  });

  it('sends nothing once another replica holds the cluster (its save refused), and reloads what that one stored', () => {
    db = openHistoryDatabase(':memory:');
    const holder = new ClusterAlerts(new AlertStore(db, 'prod'), AT_ONCE);
    expect(holder.evaluate(state(), 1000).map((t) => t.kind)).toContain('fired');

    // This replica's lease was taken over: its save is refused, so the firing is not sent here.
    class RefusedStore extends AlertStore {
      override save(): void {
        throw new LeaseLostError('the lease of cluster prod is no longer r1’s (epoch 1)');
      }
    }
    const stale = new ClusterAlerts(new RefusedStore(db, 'prod'), AT_ONCE);
    expect(() => stale.evaluate(state(true), 2000)).toThrow(LeaseLostError);
    expect(brokerAlert(stale)?.status).toBe('firing');
    expect(stale.saveError()).toBeNull();

    // A follower shows what the holder stores.
    const follower = new ClusterAlerts(new AlertStore(db, 'prod'), AT_ONCE);
    holder.evaluate(state(true), 3000);
    expect(brokerAlert(follower)?.status).toBe('firing');
    follower.reload();
    expect(brokerAlert(follower)).toBeUndefined();
  });
});
