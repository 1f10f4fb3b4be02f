import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { TopbarAlertsLink } from '@/components/alerts/topbar-alerts-link';
import { AccessProvider } from '@/components/auth/access-context';
import { UserMenu } from '@/components/auth/user-menu';
import { HistoryBanner } from '@/components/ui/history-banner';
import { principalOf } from '@/lib/auth/request-access';
import { withBasePath } from '@/lib/http/base-path';
import './globals.css';
import { Providers } from './providers';

export const metadata: Metadata = {
  title: 'Watermark',
  description: 'Consumer lag, retention risk and partition distribution for Apache Kafka.',
  // Next.js adds the base path to links and the router, not to metadata URLs.
  icons: { icon: withBasePath('/favicon.svg') },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request also renders every page per request, which the scripts' CSP nonce needs.
  const principal = principalOf(await headers());
  return (
    <html lang="en">
      <body>
        {/* First stop for Tab: past the header and navigation, to the page itself. */}
        <a className="skip-link" href="#content">
          Skip to content
        </a>
        {/* The header's alert count uses React Query too; the header and pages stay server components inside. */}
        <Providers>
          <AccessProvider principal={principal}>
            <header className="topbar">
              {/* Signed out, a prefetch of "/" would itself be sent to sign in: no prefetch then. */}
              <Link href="/" className="brand" prefetch={principal ? null : false}>
                Watermark
              </Link>
              {/* Not signed in (the sign-in page): nothing that reads the API. */}
              {principal ? <TopbarAlertsLink /> : null}
              <UserMenu principal={principal} />
            </header>
            <main className="content" id="content" tabIndex={-1}>
              {principal ? <HistoryBanner /> : null}
              {children}
            </main>
          </AccessProvider>
        </Providers>
      </body>
    </html>
  );
}
