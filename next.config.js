// Served under a path behind a reverse proxy: WATERMARK_BASE_PATH=/watermark when building
// (Next.js fixes it in the build). lib/http/base-path.ts reads it back, inlined through `env`.
const basePath = process.env.WATERMARK_BASE_PATH ?? '';
if (basePath !== '' && (!/^(\/[A-Za-z0-9._~-]+)+$/.test(basePath) || /\/\.\.?(\/|$)/.test(basePath))) {
  throw new Error(
    `WATERMARK_BASE_PATH "${basePath}": a path like /watermark: starts with /, no trailing /, letters, digits and . _ ~ - between the slashes`,
  );
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  ...(basePath ? { basePath } : {}),
  env: { WATERMARK_BASE_PATH: basePath },
  // A second build (npm test's base path build) goes to its own directory.
  ...(process.env.WATERMARK_DIST_DIR ? { distDir: process.env.WATERMARK_DIST_DIR } : {}),
  // Kafka clients, the SQLite binding and the logger run only on the server, as plain Node.js
  // modules (pino loads files by path at run time; Next.js lists it by default, this says so).
  serverExternalPackages: ['kafkajs', '@platformatic/kafka', 'better-sqlite3', 'pino'],
  poweredByHeader: false,
  // Browsers ask for /favicon.ico by themselves when a page's icon link has not arrived yet
  // (Next.js may stream metadata after the first bytes): answer with the icon, not a 404.
  async rewrites() {
    return [{ source: '/favicon.ico', destination: '/favicon.svg' }];
  },
  // WATERMARK_STANDALONE=1 (the Dockerfile, npm test): also .next/standalone, the server with
  // the files it imports, from which `npm run standalone` makes the image's tree. Off
  // otherwise, since `next start` warns about it.
  ...(process.env.WATERMARK_STANDALONE === '1' ? { output: 'standalone' } : {}),
  // next/image's optimizer (sharp, libvips): Watermark serves no images through it. And the
  // project's own tests, scripts, demo data, screenshots, docs and local Kafka: the server never
  // reads them, so no route's trace (nor .next/standalone) may carry them, whatever a dynamic
  // file access makes the tracer think (test/e2e/standalone.spec.ts checks the traces).
  outputFileTracingExcludes: {
    '*': [
      './node_modules/{sharp,@img}/**',
      './test/**',
      './scripts/**',
      './data/**',
      './test-results/**',
      './docs/**',
      './.kafka/**',
    ],
  },
  // The demo is also where README screenshots come from: no floating dev badge.
  devIndicators: false,
  // The demo's build skips type checking (a third of the build on a 2-core machine): the
  // output is the same, and `npm run typecheck` and npm test's build still check the types.
  typescript: { ignoreBuildErrors: process.env.WATERMARK_BUILD_SKIP_TYPECHECK === '1' },
};

module.exports = nextConfig;
