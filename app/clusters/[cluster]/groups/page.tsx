import { GroupsView } from './groups-view';

export default async function GroupsPage({
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
  return <GroupsView key={initialSearch} cluster={cluster} initialSearch={initialSearch} />;
}
