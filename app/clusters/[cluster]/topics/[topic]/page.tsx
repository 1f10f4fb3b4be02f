import { HistoryRange } from '@/lib/api/history-schemas';
import { TopicView } from './topic-view';

export default async function TopicPage({
  params,
  searchParams,
}: {
  params: Promise<{ cluster: string; topic: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { cluster, topic } = await params;
  const parsed = HistoryRange.safeParse((await searchParams).range);
  const range = parsed.success ? parsed.data : '1h';
  // Whether the topic exists is only known to the client-side query, which renders the not-found panel.
  return <TopicView key={`${topic}?${range}`} cluster={cluster} topic={topic} initialRange={range} />;
}
