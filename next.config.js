/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Kafka clients, the SQLite binding and the logger run only on the server, as plain Node.js
  // modules (pino loads files by path at run time; Next.js lists it by default, this says so).
  serverExternalPackages: ['kafkajs', '@platformatic/kafka', 'better-sqlite3', 'pino'],
  poweredByHeader: false,
  // The demo is also where README screenshots come from: no floating dev badge.
  devIndicators: false,
};

module.exports = nextConfig;
