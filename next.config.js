/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Kafka clients and the SQLite binding run only on the server, as plain Node.js modules.
  serverExternalPackages: ['kafkajs', '@platformatic/kafka', 'better-sqlite3'],
  poweredByHeader: false,
  // The demo is also where README screenshots come from: no floating dev badge.
  devIndicators: false,
};

module.exports = nextConfig;
