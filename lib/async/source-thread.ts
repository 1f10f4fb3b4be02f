/**
 * Worker threads whose entry is TypeScript: Next.js bundles the entry as JavaScript, but run
 * from the sources (tests, scripts run by tsx) the thread must load it through tsx, since
 * Node 20 applies no --import loader to a worker's entry.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The code (for `new Worker(code, { eval: true })`) that runs `entryFile`, beside `moduleUrl`, with tsx's loader. */
export function sourceThreadCode(moduleUrl: string, entryFile: string): string {
  // Not for the bundler to follow: a build never runs this.
  const here = path.dirname(fileURLToPath(moduleUrl));
  const entry = path.join(/* turbopackIgnore: true */ here, entryFile);
  const tsx = createRequire(moduleUrl).resolve(/* turbopackIgnore: true */ 'tsx/cjs');
  return `require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`;
}
