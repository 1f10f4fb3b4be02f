'use client';
import { useParams } from 'next/navigation';
import { TopicNotFound } from '@/components/ui/not-found-panel';
import { unknownTopicMessage } from '@/lib/api/not-found-messages';
import { segmentForDisplay } from '@/lib/api/search-params';

/** Shown, with HTTP 404, when the collected cluster has no such topic (the topic page's check). */
export default function TopicNotFoundPage() {
  const params = useParams<{ cluster: string; topic: string }>();
  const cluster = segmentForDisplay(params.cluster);
  const topic = segmentForDisplay(params.topic);
  return <TopicNotFound cluster={cluster} message={unknownTopicMessage(cluster, topic)} />;
}
