import type { ReactNode } from 'react';
import { ClusterNav } from '@/components/ui/cluster-nav';
import { notFoundUnlessKnown } from '@/lib/api/page-guard';

export default async function ClusterLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ cluster: string }>;
}) {
  const { cluster } = await params;
  // Every page under an unknown cluster answers 404 (app/clusters/not-found.tsx says which).
  await notFoundUnlessKnown(cluster);
  return (
    <>
      <ClusterNav cluster={cluster} />
      {children}
    </>
  );
}
