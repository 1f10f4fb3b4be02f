import { historyRangeParam, type PageProps } from '@/lib/api/search-params';
import { ClusterView } from './cluster-view';

export default async function ClusterPage({ params, searchParams }: PageProps<{ cluster: string }>) {
  const { cluster } = await params;
  return <ClusterView cluster={cluster} initialRange={historyRangeParam(await searchParams)} />;
}
