import { searchString, type PageProps } from '@/lib/api/search-params';
import { GroupsView } from './groups-view';

export default async function GroupsPage({ params, searchParams }: PageProps<{ cluster: string }>) {
  const { cluster } = await params;
  const initialSearch = searchString(await searchParams);
  // A new query string from a real navigation (e.g. the nav link) starts the view afresh.
  return <GroupsView key={initialSearch} cluster={cluster} initialSearch={initialSearch} />;
}
