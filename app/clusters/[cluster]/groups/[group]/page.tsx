import { HistoryRange } from '@/lib/api/history-schemas';
import { GroupView } from './group-view';

export default async function GroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ cluster: string; group: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { cluster, group } = await params;
  const parsed = HistoryRange.safeParse((await searchParams).range);
  const range = parsed.success ? parsed.data : '1h';
  // Whether the group exists is only known to the client-side query, which renders the not-found panel.
  return <GroupView key={`${group}?${range}`} cluster={cluster} group={group} initialRange={range} />;
}
