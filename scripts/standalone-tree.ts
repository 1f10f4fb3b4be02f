/**
 * The tree an image runs: from a `WATERMARK_STANDALONE=1 next build`, the server
 * (`server.js`), its `.next` and the node_modules it imports, plus the browser's static
 * files and `public/`, which the server serves but the tracer leaves out. Nothing else of
 * `.next/standalone` (next.config.js keeps tests, scripts and data out of the traces; should
 * the tracer copy other project files it cannot rule out, they stay out of the tree too).
 *
 * npm run standalone -- [target folder, default build/standalone]
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** What the server needs of `.next/standalone`, relative to it. */
const SERVER_PARTS = ['server.js', 'package.json', '.next', 'node_modules'];

/** Copies the tree into `target` (emptied first); returns its size in bytes. */
export function makeStandaloneTree(target: string, root = ROOT): number {
  const standalone = path.join(root, '.next', 'standalone');
  if (!fs.existsSync(path.join(standalone, 'server.js'))) {
    throw new Error(`${standalone}/server.js is missing: build with WATERMARK_STANDALONE=1 npm run build first`);
  }
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  for (const part of SERVER_PARTS) {
    fs.cpSync(path.join(standalone, part), path.join(target, part), { recursive: true, verbatimSymlinks: true });
  }
  fs.cpSync(path.join(root, '.next', 'static'), path.join(target, '.next', 'static'), { recursive: true });
  fs.cpSync(path.join(root, 'public'), path.join(target, 'public'), { recursive: true });
  return treeBytes(target);
}

/**
 * Every file the server's traces (the .nft.json files under .next/server) name, relative to
 * `root`, with / separators: what Next.js copies into .next/standalone besides its own files.
 */
export function tracedFiles(root = ROOT): string[] {
  const server = path.join(root, '.next', 'server');
  const traces = fs
    .readdirSync(server, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.nft.json'))
    .map((name) => path.join(server, name));
  const files = new Set<string>();
  for (const trace of traces) {
    const { files: named } = JSON.parse(fs.readFileSync(trace, 'utf8')) as { files: string[] };
    for (const file of named) {
      const relative = path.relative(root, path.resolve(path.dirname(trace), file));
      files.add(relative.split(path.sep).join('/'));
    }
  }
  return [...files].sort();
}

function treeBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += treeBytes(full);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}

if (require.main === module) {
  const target = path.resolve(process.argv[2] ?? path.join(ROOT, 'build', 'standalone'));
  const bytes = makeStandaloneTree(target);
  console.log(`standalone server in ${target}: ${(bytes / 1024 / 1024).toFixed(1)} MiB; run it with node server.js`);
}
