'use client';
import type { ClusterPolling } from '@/lib/api/schemas';
import { formatAge, useNow } from './data-age';

/**
 * With several replicas: which one polls the cluster and for how long (the exact time on
 * hover), and which one served the page; while none holds the cluster, says a takeover is
 * under way (the data shown is the last cycle's, with its age).
 */
export function ClusterPollingLine({ polling }: { polling: ClusterPolling }) {
  const now = useNow();
  const { polledBy, since, servedBy } = polling;
  if (polledBy === null || since === null) {
    return (
      <p className="muted polling" data-testid="cluster-polling">
        No replica polls it right now: another takes it over within the lease time. Served by replica {servedBy}.
      </p>
    );
  }
  const seconds = now === null ? 0 : Math.max(0, Math.round((now - since) / 1000));
  return (
    <p className="muted polling" data-testid="cluster-polling">
      Polled by replica <strong>{polledBy}</strong>
      {polledBy === servedBy ? ' (this one)' : ''} for{' '}
      <time dateTime={new Date(since).toISOString()} title={`since ${new Date(since).toISOString()}`}>
        {formatAge(seconds)}
      </time>
      {polledBy === servedBy ? '' : `; served by replica ${servedBy}`}.
    </p>
  );
}
