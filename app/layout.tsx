import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { TopbarAlertsLink } from '@/components/alerts/topbar-alerts-link';
import { HistoryBanner } from '@/components/ui/history-banner';
import './globals.css';
import { Providers } from './providers';

export const metadata: Metadata = {
  title: 'Watermark',
  description: 'Consumer lag, retention risk and partition distribution for Apache Kafka.',
  icons: { icon: '/favicon.svg' },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        {/* First stop for Tab: past the header and navigation, to the page itself. */}
        <a className="skip-link" href="#content">
          Skip to content
        </a>
        {/* The header's alert count uses React Query too; the header and pages stay server components inside. */}
        <Providers>
          <header className="topbar">
            <Link href="/" className="brand">
              Watermark
            </Link>
            <TopbarAlertsLink />
          </header>
          <main className="content" id="content" tabIndex={-1}>
            <HistoryBanner />
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
