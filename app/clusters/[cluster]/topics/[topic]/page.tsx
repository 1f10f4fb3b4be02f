import { historyRangeParam, pathParam, type PageProps } from '@/lib/api/search-params';
import { TopicView } from './topic-view';

export default async function TopicPage({ params, searchParams }: PageProps<{ cluster: string; topic: string }>) {
  const { cluster, topic: segment } = await params;
  const topic = pathParam(segment);
  const range = historyRangeParam(await searchParams);
  // Whether the topic exists is only known to the client-side query, which renders the not-found panel.
  return <TopicView key={`${topic}?${range}`} cluster={cluster} topic={topic} initialRange={range} />;
}
