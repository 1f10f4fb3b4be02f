import { notFoundUnlessKnown } from '@/lib/api/page-guard';
import { historyRangeParam, pathParam, type PageProps } from '@/lib/api/search-params';
import { TopicView } from './topic-view';

export default async function TopicPage({ params, searchParams }: PageProps<{ cluster: string; topic: string }>) {
  const { cluster, topic: segment } = await params;
  const topic = pathParam(segment);
  const range = historyRangeParam(await searchParams);
  // 404 once the collected cluster lacks the topic; the view still shows the panel if it disappears later.
  await notFoundUnlessKnown(cluster, { topic });
  return <TopicView key={`${topic}?${range}`} cluster={cluster} topic={topic} initialRange={range} />;
}
