/**
 * Whether the production build in .next still matches the sources: a hash of every input
 * of `next build`, recorded beside the build with the BUILD_ID it produced. The demo
 * builds again only when the hash differs or the BUILD_ID is not the recorded one (a
 * plain `next build` since, from other sources).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Folders and files `next build` reads, relative to the repository root; `.env*` files are added when present. */
export const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'instrumentation.ts',
  'next.config.js',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
] as const;

/** Where the record lives, relative to the build folder. */
export const BUILD_RECORD_FILE = 'watermark-build.json';

export interface BuildRecord {
  fingerprint: string;
  buildId: string;
  builtAt: string;
}

function filesUnder(root: string, relative: string): string[] {
  const full = path.join(root, relative);
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (!stat) return [];
  if (stat.isFile()) return [relative];
  if (!stat.isDirectory()) return [];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((name) => filesUnder(root, path.join(relative, name)));
}

/** The input files under `root`, relative and sorted (`/`-separated, so the hash is the same on every OS). */
export function buildInputFiles(root: string): string[] {
  const envFiles = fs
    .readdirSync(root)
    .filter((name) => /^\.env(\..+)?$/.test(name))
    .sort();
  return [...BUILD_INPUTS, ...envFiles]
    .flatMap((input) => filesUnder(root, input))
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

/**
 * SHA-256 over every input file's path and contents (each length-prefixed, so moving
 * bytes between a name and a file changes the hash). Changes with any edit, addition,
 * removal or rename of an input; not with timestamps.
 */
export function buildFingerprint(root: string): string {
  const hash = crypto.createHash('sha256');
  for (const file of buildInputFiles(root)) {
    const contents = fs.readFileSync(path.join(root, file));
    hash.update(`${Buffer.byteLength(file)}:${file}\n${contents.length}:`);
    hash.update(contents);
  }
  return hash.digest('hex');
}

function readBuildId(distDir: string): string | null {
  try {
    return fs.readFileSync(path.join(distDir, 'BUILD_ID'), 'utf8').trim();
  } catch {
    return null;
  }
}

export function readBuildRecord(distDir: string): BuildRecord | null {
  try {
    const record = JSON.parse(fs.readFileSync(path.join(distDir, BUILD_RECORD_FILE), 'utf8')) as BuildRecord;
    return typeof record.fingerprint === 'string' && typeof record.buildId === 'string' ? record : null;
  } catch {
    return null;
  }
}

/** Why `distDir` cannot be reused for sources with `fingerprint`, or null when it can. */
export function staleBuildReason(distDir: string, fingerprint: string): string | null {
  const buildId = readBuildId(distDir);
  if (buildId === null) return 'no production build yet';
  const record = readBuildRecord(distDir);
  if (!record) return 'the build was not made by the demo';
  if (record.buildId !== buildId) return 'the build was replaced since the demo made it';
  if (record.fingerprint !== fingerprint) return 'the sources changed since the last build';
  return null;
}

/** Records that the build now in `distDir` was made from sources with `fingerprint`. */
export function writeBuildRecord(distDir: string, fingerprint: string, now = new Date()): void {
  const buildId = readBuildId(distDir);
  if (buildId === null) throw new Error(`No BUILD_ID in ${distDir} after the build.`);
  const record: BuildRecord = { fingerprint, buildId, builtAt: now.toISOString() };
  fs.writeFileSync(path.join(distDir, BUILD_RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
}
