/**
 * The second production build npm test makes: Watermark served under /watermark, as behind
 * a reverse proxy at a path, in its own directory beside .next. `next build` and
 * `next start` both read these variables (next.config.js).
 */
export const BASE_PATH_BUILD_ENV = {
  WATERMARK_BASE_PATH: '/watermark',
  WATERMARK_DIST_DIR: '.next-base-path',
} as const;
