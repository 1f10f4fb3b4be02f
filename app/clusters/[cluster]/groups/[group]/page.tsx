import { notFoundUnlessKnown } from '@/lib/api/page-guard';
import { historyRangeParam, pathParam, recordChoiceParam, type PageProps } from '@/lib/api/search-params';
import { GroupView } from './group-view';

export default async function GroupPage({ params, searchParams }: PageProps<{ cluster: string; group: string }>) {
  const { cluster, group: segment } = await params;
  const group = pathParam(segment);
  const query = await searchParams;
  const range = historyRangeParam(query);
  // 404 once the collected cluster lacks the group; the view still shows the panel if it disappears later.
  await notFoundUnlessKnown(cluster, { group });
  return (
    <GroupView
      key={`${group}?${range}`}
      cluster={cluster}
      group={group}
      initialRange={range}
      initialRecord={recordChoiceParam(query)}
    />
  );
}
