import { TopicsView } from './topics-view';

export default async function TopicsPage({
  params,
  searchParams,
}: {
  params: Promise<{ cluster: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { cluster } = await params;
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(await searchParams)) {
    if (typeof value === 'string') search.set(name, value);
  }
  const initialSearch = search.toString();
  // A new query string from a real navigation (e.g. the nav link) starts the view afresh.
  return <TopicsView key={initialSearch} cluster={cluster} initialSearch={initialSearch} />;
}
