'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { AlertCountBadge } from '@/components/alerts/alert-count-badge';
import { useAllAlerts } from '@/lib/api/client/hooks';

const SECTIONS = [
  { path: '', label: 'Overview' },
  { path: '/brokers', label: 'Brokers' },
  { path: '/topics', label: 'Topics' },
  { path: '/groups', label: 'Consumer groups' },
  { path: '/alerts', label: 'Alerts' },
];

/** The sections of one cluster; the current one is marked for screen readers too. Alerts shows the firing count. */
export function ClusterNav({ cluster }: { cluster: string }) {
  const pathname = usePathname();
  const { data: alerts } = useAllAlerts();
  const firing = alerts?.clusters.find((c) => c.id === cluster)?.firing;
  const root = `/clusters/${encodeURIComponent(cluster)}`;
  return (
    <nav className="cluster-nav" aria-label={`Cluster ${cluster}`}>
      <Link href="/" className="muted">
        Clusters
      </Link>
      <span aria-hidden="true">/</span>
      <strong>{cluster}</strong>
      {SECTIONS.map((section) => {
        const href = `${root}${section.path}`;
        const current = section.path === '' ? pathname === href : pathname.startsWith(href);
        return (
          <Link key={section.label} href={href} aria-current={current ? 'page' : undefined}>
            {section.label}
            {section.path === '/alerts' ? <AlertCountBadge firing={firing} /> : null}
          </Link>
        );
      })}
    </nav>
  );
}
