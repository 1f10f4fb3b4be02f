import { searchString, type PageProps } from '@/lib/api/search-params';
import { TopicsView } from './topics-view';

export default async function TopicsPage({ params, searchParams }: PageProps<{ cluster: string }>) {
  const { cluster } = await params;
  const initialSearch = searchString(await searchParams);
  // A new query string from a real navigation (e.g. the nav link) starts the view afresh.
  return <TopicsView key={initialSearch} cluster={cluster} initialSearch={initialSearch} />;
}
