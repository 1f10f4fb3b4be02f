'use client';
import { ChartBrokerDistribution } from '@/components/charts/chart-broker-distribution';
import { BrokerTable, BrokerTableNotes } from '@/components/tables/broker-table';
import { DataAge } from '@/components/ui/data-age';
import { HygieneWarnings } from '@/components/ui/hygiene-warnings';
import { NotAuthorisedNotes } from '@/components/ui/not-authorised';
import { ClusterNotFound } from '@/components/ui/not-found-panel';
import { PlacementHeatMap, type HeatMetric } from '@/components/ui/placement-heat-map';
import { StaleBanner } from '@/components/ui/stale-banner';
import { UnavailableFeatures } from '@/components/ui/unavailable-features';
import { useSearchParam } from '@/components/ui/use-search-param';
import { EventTimeline } from '@/components/timeline/event-timeline';
import { isNotFound } from '@/lib/api/client/fetch-json';
import { useBrokers } from '@/lib/api/client/hooks';

export function BrokersView({ cluster, initialHeat }: { cluster: string; initialHeat: HeatMetric }) {
  const [heat, changeHeat] = useSearchParam<HeatMetric>('heat', initialHeat);
  const { data, error, isPending } = useBrokers(cluster);
  if (isNotFound(error) && !data) return <ClusterNotFound message={error.message} />;
  const down = data?.brokers.filter((b) => !b.reachable) ?? [];
  return (
    <section className="group-page">
      <header className="groups-header">
        <h1>Brokers</h1>
        {data ? (
          <span className="muted" data-testid="cluster-mode">
            {data.mode === 'kraft' ? 'KRaft mode' : 'ZooKeeper mode'}
          </span>
        ) : null}
        {data ? <DataAge collectedAt={data.collectedAt} /> : null}
      </header>
      {isPending ? <p className="muted">Loading brokers…</p> : null}
      {error ? <p className="banner banner-err">{error.message}</p> : null}
      {data ? (
        <>
          <StaleBanner
            stale={data.stale}
            error={data.error}
            errorKind={data.errorKind}
            collectedAt={data.collectedAt}
          />
          {down.length > 0 ? (
            <p className="banner banner-err" role="alert">
              {down.map((b) => `Broker ${b.id}`).join(', ')} {down.length === 1 ? 'is' : 'are'} down.
            </p>
          ) : null}
          <BrokerTable brokers={data.brokers} controllerId={data.controllerId} detailed />
          <BrokerTableNotes detailed />
          <NotAuthorisedNotes
            label="Not authorised"
            messages={[
              ...(data.controllerError ? [data.controllerError] : []),
              ...new Set(
                data.brokers.flatMap((b) => (b.sizeError ? [`broker sizes and log dirs: ${b.sizeError}`] : [])),
              ),
            ]}
          />
          <UnavailableFeatures features={data.unavailable} />
          <section className="group-panel" aria-labelledby="distribution-heading">
            <h2 id="distribution-heading">Partition distribution</h2>
            <ChartBrokerDistribution data={data} />
          </section>
          <section className="group-panel" aria-labelledby="heat-heading">
            <header className="group-panel-header">
              <h2 id="heat-heading">
                {heat === 'bytes' ? 'Largest topics by broker' : 'Topics with the most replicas, by broker'}
              </h2>
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
          <EventTimeline
            cluster={cluster}
            subjects={{ brokers: data.brokers.map((b) => b.id) }}
            headingId="broker-events-heading"
          />
        </>
      ) : null}
    </section>
  );
}
