import { SignInPanel } from '@/components/auth/sign-in-panel';
import { getAuthSettings } from '@/lib/auth/auth-runtime';
import { safeNext } from '@/lib/auth/session-responses';
import type { PageProps } from '@/lib/api/search-params';

export const metadata = { title: 'Sign in · Watermark' };

export default async function SignInPage({ searchParams }: PageProps<Record<string, never>>) {
  const query = await searchParams;
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;
  return <SignInPanel mode={getAuthSettings().mode} reason={one(query.reason)} next={safeNext(one(query.next))} />;
}
