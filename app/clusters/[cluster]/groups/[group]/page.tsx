import { historyRangeParam, pathParam, type PageProps } from '@/lib/api/search-params';
import { GroupView } from './group-view';

export default async function GroupPage({ params, searchParams }: PageProps<{ cluster: string; group: string }>) {
  const { cluster, group: segment } = await params;
  const group = pathParam(segment);
  const range = historyRangeParam(await searchParams);
  // Whether the group exists is only known to the client-side query, which renders the not-found panel.
  return <GroupView key={`${group}?${range}`} cluster={cluster} group={group} initialRange={range} />;
}
