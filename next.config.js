/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Kafka clients, the SQLite binding and the logger run only on the server, as plain Node.js
  // modules (pino loads files by path at run time; Next.js lists it by default, this says so).
  serverExternalPackages: ['kafkajs', '@platformatic/kafka', 'better-sqlite3', 'pino'],
  poweredByHeader: false,
  // WATERMARK_STANDALONE=1 (the Dockerfile, npm test): also .next/standalone, the server with
  // the files it imports, from which `npm run standalone` makes the image's tree. Off
  // otherwise, since `next start` warns about it.
  ...(process.env.WATERMARK_STANDALONE === '1' ? { output: 'standalone' } : {}),
  // next/image's optimizer (sharp, libvips): Watermark serves no images through it.
  outputFileTracingExcludes: { '*': ['./node_modules/{sharp,@img}/**'] },
  // The demo is also where README screenshots come from: no floating dev badge.
  devIndicators: false,
  // The demo's build skips type checking (a third of the build on a 2-core machine): the
  // output is the same, and `npm run typecheck` and npm test's build still check the types.
  typescript: { ignoreBuildErrors: process.env.WATERMARK_BUILD_SKIP_TYPECHECK === '1' },
};

module.exports = nextConfig;
