import { HistoryRange } from '@/lib/api/history-schemas';
import { ClusterView } from './cluster-view';

export default async function ClusterPage({
  params,
  searchParams,
}: {
  params: Promise<{ cluster: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { cluster } = await params;
  const parsed = HistoryRange.safeParse((await searchParams).range);
  return <ClusterView cluster={cluster} initialRange={parsed.success ? parsed.data : '1h'} />;
}
