import type { ReactNode } from 'react';
import { ClusterNav } from '@/components/ui/cluster-nav';

export default async function ClusterLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ cluster: string }>;
}) {
  const { cluster } = await params;
  return (
    <>
      <ClusterNav cluster={cluster} />
      {children}
    </>
  );
}
