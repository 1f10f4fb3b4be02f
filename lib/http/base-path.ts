/**
 * The path prefix Watermark is served under behind a reverse proxy (`/watermark`), or ''
 * at the root. Next.js fixes it at build time (next.config.js's basePath, from
 * WATERMARK_BASE_PATH), and inlines this value into the server and browser code of the build.
 *
 * Inside the app, paths are "app paths" without the prefix (`/clusters/x`): next/link and
 * the router add it themselves. What they do not handle adds it here: the browser's own
 * fetches, plain forms and links, Location headers, cookies, and links sent out of the app.
 */

export const BASE_PATH: string = process.env.WATERMARK_BASE_PATH ?? '';

/** Why `value` cannot be a base path, or null when it can ('' is the root). */
export function basePathProblem(value: string): string | null {
  if (value === '') return null;
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(value) || /\/\.\.?(\/|$)/.test(value)) {
    return 'a path like /watermark: starts with /, no trailing /, letters, digits and . _ ~ - between the slashes';
  }
  return null;
}

/** An app path (`/api/clusters`) as the browser must ask for it (`/watermark/api/clusters`). */
export function withBasePath(appPath: string, basePath: string = BASE_PATH): string {
  if (!basePath) return appPath;
  return appPath === '/' ? basePath : `${basePath}${appPath}`;
}

/**
 * The app path of a request path, or null when it is outside the base path (Next.js answers
 * those 404). Query and fragment are kept.
 */
export function appPathOf(requestPath: string, basePath: string = BASE_PATH): string | null {
  if (!basePath) return requestPath;
  if (requestPath === basePath) return '/';
  const rest = requestPath.slice(basePath.length);
  if (!requestPath.startsWith(basePath) || !/^[/?#]/.test(rest)) return null;
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/**
 * The address people open for an app path, from publicUrl (whose path is the base path:
 * config validation sees to that). `new URL(path, publicUrl)` would drop the prefix.
 */
export function publicPageUrl(publicUrl: string, appPath: string): string {
  const root = new URL(publicUrl);
  const path = `${root.pathname.replace(/\/+$/, '')}${appPath.startsWith('/') ? appPath : `/${appPath}`}`;
  return new URL(path, root.origin).toString();
}

/** The base path a publicUrl names: its path without a trailing slash ('' for the root). */
export function basePathOfUrl(publicUrl: string): string {
  return new URL(publicUrl).pathname.replace(/\/+$/, '');
}
