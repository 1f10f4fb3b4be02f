'use client';
import Link from 'next/link';
import { BrokerTable, BrokerTableNotes } from '@/components/tables/broker-table';
import { DataAge } from '@/components/ui/data-age';
import { STATUS_SHORT } from '@/components/ui/lag-status-meaning';
import { StatusBadge } from '@/components/ui/status-badge';
import { useBrokers, useClusters } from '@/lib/api/client/hooks';
import type { ClusterSummary } from '@/lib/api/schemas';
import { headlineOf } from '@/lib/format/connection-failure-wording';
import { formatExact, formatRate } from '@/lib/format/format-number';

function ClusterBrokers({ clusterId }: { clusterId: string }) {
  const { data, error } = useBrokers(clusterId);
  if (error) return <p className="error">{error.message}</p>;
  if (!data) return <p className="muted">Loading brokers…</p>;
  return (
    <>
      <BrokerTable brokers={data.brokers} controllerId={data.controllerId} />
      <BrokerTableNotes />
    </>
  );
}

/** The cluster's counts; only once it has been collected (never "0/0 brokers up" for a cluster not read yet). */
function ClusterStats({ cluster }: { cluster: ClusterSummary }) {
  return (
    <ul className="stats">
      <li>
        <strong>
          {cluster.brokersUp}/{cluster.brokerCount}
        </strong>
        brokers up
      </li>
      <li>
        <strong>{cluster.topicCount}</strong>topics
      </li>
      <li>
        <strong>{cluster.partitionCount}</strong>partitions
      </li>
      <li>
        <strong>{cluster.groupCount}</strong>consumer groups
      </li>
      <li>
        <strong>{cluster.underReplicatedPartitions}</strong>under-replicated
      </li>
      <li>
        <strong>{cluster.offlinePartitions}</strong>offline
      </li>
      <li title={formatExact(cluster.produceRate)}>
        <strong>{formatRate(cluster.produceRate)}</strong>produced
      </li>
      <li>
        <strong>
          {cluster.groupsByStatus.WARN} / {cluster.groupsByStatus.ERR}
        </strong>
        groups in WARN / ERR
        <small className="stats-note">
          WARN: {STATUS_SHORT.WARN}; ERR: {STATUS_SHORT.ERR}
        </small>
      </li>
      <li>
        <strong>{cluster.groupsAtRisk}</strong>groups at retention risk
      </li>
    </ul>
  );
}

function ClusterCard({ cluster }: { cluster: ClusterSummary }) {
  return (
    <article className="cluster-card" aria-label={`Cluster ${cluster.name}`} data-testid={`cluster-${cluster.id}`}>
      <header>
        <h2>
          <Link href={`/clusters/${encodeURIComponent(cluster.id)}`}>{cluster.name}</Link>
        </h2>
        <StatusBadge status={cluster.status} errorKind={cluster.errorKind} />
        <DataAge collectedAt={cluster.collectedAt} />
      </header>
      {cluster.error ? (
        <p className="error" role="alert" data-error-kind={cluster.errorKind}>
          {cluster.errorKind ? `${headlineOf(cluster.errorKind)}: ` : ''}
          {cluster.error}
        </p>
      ) : null}
      {cluster.collectedAt !== null ? <ClusterStats cluster={cluster} /> : null}
      {cluster.collectedAt !== null ? <ClusterBrokers clusterId={cluster.id} /> : null}
    </article>
  );
}

export function HomeView() {
  const { data, error, isPending } = useClusters();
  return (
    <section>
      <h1>Clusters</h1>
      {isPending ? <p className="muted">Loading…</p> : null}
      {error ? (
        <p className="error" role="alert">
          {error.message}
        </p>
      ) : null}
      {data?.clusters.map((cluster) => (
        <ClusterCard key={cluster.id} cluster={cluster} />
      ))}
    </section>
  );
}
