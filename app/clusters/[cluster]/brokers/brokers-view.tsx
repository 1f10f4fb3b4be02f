'use client';
import { useState } from 'react';
import { ChartBrokerDistribution } from '@/components/charts/chart-broker-distribution';
import { BrokerTable } from '@/components/tables/broker-table';
import { DataAge } from '@/components/ui/data-age';
import { GroupNotFound } from '@/components/ui/group-not-found';
import { HygieneWarnings } from '@/components/ui/hygiene-warnings';
import { PlacementHeatMap, type HeatMetric } from '@/components/ui/placement-heat-map';
import { StaleBanner } from '@/components/ui/stale-banner';
import { ApiError } from '@/lib/api/client/fetch-json';
import { useBrokers } from '@/lib/api/client/hooks';

export function BrokersView({ cluster, initialHeat }: { cluster: string; initialHeat: HeatMetric }) {
  const [heat, setHeat] = useState<HeatMetric>(initialHeat);
  const { data, error, isPending } = useBrokers(cluster);
  const changeHeat = (next: HeatMetric) => {
    setHeat(next);
    const search = new URLSearchParams(window.location.search);
    search.set('heat', next);
    window.history.replaceState(null, '', `${window.location.pathname}?${search}`);
  };
  if (error instanceof ApiError && error.status === 404 && !data) {
    return <GroupNotFound heading="Cluster not found" message={error.message} backHref="/" backLabel="All clusters" />;
  }
  const down = data?.brokers.filter((b) => !b.reachable) ?? [];
  return (
    <section className="group-page">
      <header className="groups-header">
        <h1>Brokers</h1>
        {data ? <DataAge collectedAt={data.collectedAt} /> : null}
      </header>
      {isPending ? <p className="muted">Loading brokers…</p> : null}
      {error ? <p className="banner banner-err">{error.message}</p> : null}
      {data ? (
        <>
          <StaleBanner stale={data.stale} error={data.error} collectedAt={data.collectedAt} />
          {down.length > 0 ? (
            <p className="banner banner-err" role="alert">
              {down.map((b) => `Broker ${b.id}`).join(', ')} {down.length === 1 ? 'is' : 'are'} down.
            </p>
          ) : null}
          <BrokerTable brokers={data.brokers} controllerId={data.controllerId} detailed />
          <section className="group-panel" aria-labelledby="distribution-heading">
            <h2 id="distribution-heading">Partition distribution</h2>
            <ChartBrokerDistribution data={data} />
          </section>
          <section className="group-panel" aria-labelledby="heat-heading">
            <header className="group-panel-header">
              <h2 id="heat-heading">Largest topics by broker</h2>
              <div className="groups-range-picker" role="group" aria-label="Heat map metric">
                {(['replicas', 'bytes'] as const).map((metric) => (
                  <button key={metric} type="button" aria-pressed={heat === metric} onClick={() => changeHeat(metric)}>
                    {metric}
                  </button>
                ))}
              </div>
            </header>
            <PlacementHeatMap cluster={cluster} data={data} metric={heat} />
          </section>
          <section className="group-panel" aria-labelledby="hygiene-heading">
            <h2 id="hygiene-heading">Rack and replication hygiene</h2>
            <HygieneWarnings data={data} />
          </section>
        </>
      ) : null}
    </section>
  );
}
