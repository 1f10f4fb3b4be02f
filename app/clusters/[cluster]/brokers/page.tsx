import type { PageProps } from '@/lib/api/search-params';
import { BrokersView } from './brokers-view';

export default async function BrokersPage({ params, searchParams }: PageProps<{ cluster: string }>) {
  const { cluster } = await params;
  const heat = (await searchParams).heat === 'bytes' ? 'bytes' : 'replicas';
  return <BrokersView cluster={cluster} initialHeat={heat} />;
}
