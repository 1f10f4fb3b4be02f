'use client';
import Link from 'next/link';
import { useId } from 'react';
import { AlertList } from '@/components/alerts/alert-list';
import { QueryError, QueryPending } from '@/components/ui/query-status';
import type { AllAlertsResponse } from '@/lib/api/alert-schemas';
import { useAccess } from '@/components/auth/access-context';
import { useAllAlerts } from '@/lib/api/client/hooks';

type ClusterCounts = AllAlertsResponse['clusters'][number];

function ClusterAlerts({ cluster, alerts }: { cluster: ClusterCounts; alerts: AllAlertsResponse['active'] }) {
  const { canOperate } = useAccess();
  const headingId = useId();
  return (
    <section className="group-panel" aria-labelledby={headingId} data-testid={`cluster-alerts-${cluster.id}`}>
      <h2 id={headingId}>
        <Link href={`/clusters/${encodeURIComponent(cluster.id)}/alerts`}>{cluster.name}</Link>{' '}
        <span className="muted alerts-counts">
          {cluster.firing} firing, {cluster.pending} pending
          {cluster.inhibited > 0 ? `, ${cluster.inhibited} more caused by them` : ''}
        </span>
      </h2>
      <AlertList
        alerts={alerts}
        label={`Active alerts of ${cluster.name}`}
        empty="No alerts firing or pending."
        silenceable={canOperate(cluster.id)}
        showContext
      />
    </section>
  );
}

/** Every cluster's active alerts, by cluster, then what resolved lately anywhere. */
export function AllAlertsView() {
  const { data, error, isPending } = useAllAlerts();
  return (
    <section className="alerts-page">
      <header className="groups-header">
        <h1>Alerts</h1>
        <span className="muted">all clusters</span>
      </header>
      <QueryError error={error} hasData={data !== undefined} what="alerts" />
      <QueryPending pending={isPending} text="Loading alerts…" />
      {data?.clusters.map((cluster) => (
        <ClusterAlerts
          key={cluster.id}
          cluster={cluster}
          alerts={data.active.filter((a) => a.subject.cluster === cluster.id)}
        />
      ))}
      {data ? (
        <section className="group-panel" aria-labelledby="resolved-heading" data-testid="alerts-resolved">
          <h2 id="resolved-heading">Recently resolved</h2>
          <AlertList
            alerts={data.recent}
            label="Recently resolved alerts"
            empty="No alerts resolved recently."
            showContext
          />
        </section>
      ) : null}
    </section>
  );
}
