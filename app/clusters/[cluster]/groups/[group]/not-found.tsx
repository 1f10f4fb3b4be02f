'use client';
import { useParams } from 'next/navigation';
import { GroupNotFound } from '@/components/ui/not-found-panel';
import { unknownGroupMessage } from '@/lib/api/not-found-messages';
import { segmentForDisplay } from '@/lib/api/search-params';

/** Shown, with HTTP 404, when the collected cluster has no such consumer group (the group page's check). */
export default function GroupNotFoundPage() {
  const params = useParams<{ cluster: string; group: string }>();
  const cluster = segmentForDisplay(params.cluster);
  const group = segmentForDisplay(params.group);
  return <GroupNotFound cluster={cluster} message={unknownGroupMessage(cluster, group)} />;
}
