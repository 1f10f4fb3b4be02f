'use client';
import type { ReactNode } from 'react';
import { AlertList } from '@/components/alerts/alert-list';
import { alertsOfCauseStatus, alertTree } from '@/components/alerts/alert-tree';
import { EndedSilenceTable, SilenceTable } from '@/components/alerts/silence-table';
import { useAccess } from '@/components/auth/access-context';
import { ClusterNotFound } from '@/components/ui/not-found-panel';
import { QueryError, QueryPending } from '@/components/ui/query-status';
import { isNotFound } from '@/lib/api/client/fetch-json';
import { useClusterAlerts } from '@/lib/api/client/hooks';

function AlertSection({
  id,
  title,
  count,
  children,
}: {
  id: string;
  title: string;
  count: number;
  children: ReactNode;
}) {
  return (
    <section className="group-panel" aria-labelledby={`${id}-heading`} data-testid={`alerts-${id}`}>
      <h2 id={`${id}-heading`}>
        {title} <span className="muted">({count})</span>
      </h2>
      {children}
    </section>
  );
}

/**
 * One cluster's alerts by lifecycle stage of their cause (an alert another one causes is
 * listed under it, whatever its own stage), and the silences in effect.
 */
export function AlertsView({ cluster }: { cluster: string }) {
  const { canOperate } = useAccess();
  const operator = canOperate(cluster);
  const { data, error, isPending } = useClusterAlerts(cluster);
  if (isNotFound(error) && !data) return <ClusterNotFound message={error.message} />;
  const firing = alertsOfCauseStatus(data?.active ?? [], 'firing');
  const pending = alertsOfCauseStatus(data?.active ?? [], 'pending');
  return (
    <section className="alerts-page">
      <header className="groups-header">
        <h1>Alerts</h1>
      </header>
      <QueryError error={error} hasData={data !== undefined} what="alerts" />
      <QueryPending pending={isPending} text="Loading alerts…" />
      {data ? (
        <>
          <AlertSection id="firing" title="Firing" count={alertTree(firing).length}>
            <AlertList alerts={firing} label="Firing alerts" empty="No alerts firing." silenceable={operator} />
          </AlertSection>
          <AlertSection id="pending" title="Pending" count={alertTree(pending).length}>
            <AlertList
              alerts={pending}
              label="Pending alerts"
              empty="No alerts pending: nothing is about to fire."
              silenceable={operator}
            />
          </AlertSection>
          <AlertSection id="resolved" title="Recently resolved" count={data.recent.length}>
            <AlertList alerts={data.recent} label="Recently resolved alerts" empty="No alerts resolved recently." />
          </AlertSection>
          <AlertSection id="silences" title="Silences" count={data.silences.length}>
            <SilenceTable silences={data.silences} canExpire={canOperate} />
          </AlertSection>
          <AlertSection
            id="ended-silences"
            title="Silences ended in the last 24 hours"
            count={data.endedSilences.length}
          >
            <EndedSilenceTable silences={data.endedSilences} />
          </AlertSection>
        </>
      ) : null}
    </section>
  );
}
