import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
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
        <header className="topbar">
          <Link href="/" className="brand">
            Watermark
          </Link>
        </header>
        <main className="content">
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
