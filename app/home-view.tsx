'use client';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { BrokerTable, BrokerTableNotes } from '@/components/tables/broker-table';
import { ClusterPollingLine } from '@/components/ui/cluster-polling-line';
import { DataAge } from '@/components/ui/data-age';
import { clusterHealthTones, type HealthTone } from '@/components/ui/health-tones';
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

/** One count of the card, coloured like the overview's tile for it (tone-* in globals.css); `children` go under the label. */
function Stat({
  value,
  label,
  tone = 'none',
  title,
  children,
}: {
  value: ReactNode;
  label: string;
  tone?: HealthTone;
  title?: string;
  children?: ReactNode;
}) {
  return (
    <li className={`stat tone-${tone}`} data-stat={label} data-tone={tone} title={title}>
      <strong>{value}</strong>
      {label}
      {children}
    </li>
  );
}

/** The cluster's counts; only once it has been collected (never "0/0 brokers up" for a cluster not read yet). */
function ClusterStats({ cluster }: { cluster: ClusterSummary }) {
  const tones = clusterHealthTones(cluster);
  return (
    <ul className="stats">
      <Stat value={`${cluster.brokersUp}/${cluster.brokerCount}`} label="brokers up" tone={tones.brokersUp} />
      <Stat value={cluster.topicCount} label="topics" />
      <Stat value={cluster.partitionCount} label="partitions" />
      <Stat value={cluster.groupCount} label="consumer groups" />
      <Stat value={cluster.underReplicatedPartitions} label="under-replicated" tone={tones.underReplicated} />
      <Stat value={cluster.offlinePartitions} label="offline" tone={tones.offlinePartitions} />
      <Stat value={formatRate(cluster.produceRate)} label="produced" title={formatExact(cluster.produceRate)} />
      <Stat
        value={`${cluster.groupsByStatus.WARN} / ${cluster.groupsByStatus.ERR}`}
        label="groups in WARN / ERR"
        tone={tones.groupsWarnOrErr}
      >
        <small className="stats-note">
          WARN: {STATUS_SHORT.WARN}; ERR: {STATUS_SHORT.ERR}
        </small>
      </Stat>
      <Stat value={cluster.groupsAtRisk} label="groups at retention risk" tone={tones.groupsAtRisk} />
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
      {cluster.polling ? <ClusterPollingLine polling={cluster.polling} /> : null}
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
