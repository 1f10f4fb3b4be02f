import { BrokersView } from './brokers-view';

export default async function BrokersPage({
  params,
  searchParams,
}: {
  params: Promise<{ cluster: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { cluster } = await params;
  const heat = (await searchParams).heat === 'bytes' ? 'bytes' : 'replicas';
  return <BrokersView cluster={cluster} initialHeat={heat} />;
}
