'use client';
import { useParams } from 'next/navigation';
import { ClusterNotFound } from '@/components/ui/not-found-panel';
import { unknownClusterMessage } from '@/lib/api/not-found-messages';
import { segmentForDisplay } from '@/lib/api/search-params';

/** Shown, with HTTP 404, for every page of a cluster that is not configured (the cluster layout's check). */
export default function ClusterNotFoundPage() {
  const params = useParams<{ cluster: string }>();
  const cluster = segmentForDisplay(params.cluster);
  return <ClusterNotFound message={unknownClusterMessage(cluster)} />;
}
