import type { PageProps } from '@/lib/api/search-params';
import { AlertsView } from './alerts-view';

export default async function AlertsPage({ params }: PageProps<{ cluster: string }>) {
  const { cluster } = await params;
  return <AlertsView cluster={cluster} />;
}
