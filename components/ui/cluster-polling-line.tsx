'use client';
import type { ClusterPolling } from '@/lib/api/schemas';
import { formatAge, useNow } from './data-age';

const ageText = (from: number, now: number) => formatAge(Math.max(0, Math.round((now - from) / 1000)));

/**
 * The sentence of a cluster's polling line: which replica polls it and for how long, and
 * which one served the page; while none holds the cluster, that a takeover is under way.
 * When the leases cannot be read (PostgreSQL away), the owner is only as last read, and
 * the sentence says so, with the reading's age and the cause.
 */
export function pollingSentence(polling: ClusterPolling, now: number): string {
  const { polledBy, since, servedBy, leasesError, leasesReadAt } = polling;
  const served = polledBy === servedBy ? '' : `; served by replica ${servedBy}`;
  if (leasesError !== null) {
    const cause = `the cluster leases cannot be read (${leasesError})`;
    if (polledBy === null || leasesReadAt === null) {
      return `Not known which replica polls it: ${cause}. Served by replica ${servedBy}.`;
    }
    return `Polled by replica ${polledBy} when last read, ${ageText(leasesReadAt, now)} ago: ${cause}${served}.`;
  }
  if (polledBy === null || since === null) {
    return `No replica polls it right now: another takes it over within the lease time. Served by replica ${servedBy}.`;
  }
  const self = polledBy === servedBy ? ' (this one)' : '';
  return `Polled by replica ${polledBy}${self} for ${ageText(since, now)}${served}.`;
}

/** The polling line on a cluster's card, with several replicas; the exact times on hover. */
export function ClusterPollingLine({ polling }: { polling: ClusterPolling }) {
  const now = useNow();
  const { since, leasesReadAt } = polling;
  const title = [
    since === null ? null : `polled since ${new Date(since).toISOString()}`,
    leasesReadAt === null ? null : `leases read at ${new Date(leasesReadAt).toISOString()}`,
  ]
    .filter(Boolean)
    .join('; ');
  return (
    <p
      className={polling.leasesError === null ? 'muted polling' : 'polling polling-unknown'}
      data-testid="cluster-polling"
      title={title || undefined}
    >
      {pollingSentence(polling, now ?? since ?? leasesReadAt ?? 0)}
    </p>
  );
}
