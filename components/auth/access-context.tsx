'use client';
/**
 * Who is signed in, for client components: what to offer (a Silence button only to an
 * operator of the cluster). The server decides for real on every request; this only keeps
 * the page from offering what would be refused.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { canOperate, type Principal } from '@/lib/auth/principal';

const AccessContext = createContext<Principal | null>(null);

export function AccessProvider({ principal, children }: { principal: Principal | null; children: ReactNode }) {
  return <AccessContext.Provider value={principal}>{children}</AccessContext.Provider>;
}

export function useAccess(): { principal: Principal | null; canOperate: (clusterId: string) => boolean } {
  const principal = useContext(AccessContext);
  return { principal, canOperate: (clusterId) => principal !== null && canOperate(principal, clusterId) };
}
