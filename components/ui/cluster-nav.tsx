'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const SECTIONS = [
  { path: '', label: 'Overview' },
  { path: '/brokers', label: 'Brokers' },
  { path: '/topics', label: 'Topics' },
  { path: '/groups', label: 'Consumer groups' },
];

/** The sections of one cluster; the current one is marked for screen readers too. */
export function ClusterNav({ cluster }: { cluster: string }) {
  const pathname = usePathname();
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
          </Link>
        );
      })}
    </nav>
  );
}
