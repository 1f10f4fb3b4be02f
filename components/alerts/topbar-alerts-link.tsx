'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useAllAlerts } from '@/lib/api/client/hooks';
import { AlertCountBadge } from './alert-count-badge';

/** "Alerts" in the top bar, with how many alerts fire across every cluster. */
export function TopbarAlertsLink() {
  const pathname = usePathname();
  const { data } = useAllAlerts();
  const firing = data?.clusters.reduce((sum, c) => sum + c.firing, 0);
  return (
    <nav aria-label="Main" className="topbar-nav">
      <Link href="/alerts" aria-current={pathname === '/alerts' ? 'page' : undefined}>
        Alerts
        <AlertCountBadge firing={firing} />
      </Link>
    </nav>
  );
}
