/**
 * Builds the peers from their released sources: each tarball is unpacked into a fresh
 * folder under .kafka/peers/ and built with `go build` (GOFLAGS=-mod=mod: their own module
 * paths are not on the Go module proxy, their dependencies are). The binary is kept in
 * .kafka/peers/bin/, named after the tarball's SHA-256, so later runs reuse it until the
 * tarball changes.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { KAFKA_HOME } from '../../kafka/layout';

const run = promisify(execFile);

export interface PeerRelease {
  name: 'kminion' | 'burrow';
  label: string;
  version: string;
}

export const PEER_RELEASES: PeerRelease[] = [
  { name: 'kminion', label: 'KMinion', version: '2.3.5' },
  { name: 'burrow', label: 'Burrow', version: '1.9.5' },
];

export const PEERS_HOME = path.join(KAFKA_HOME, 'peers');

/** The tarball's name: `<name>-<version>.tar.gz`, holding the folder `<name>-<version>/`. */
export const tarballName = (peer: PeerRelease) => `${peer.name}-${peer.version}.tar.gz`;

/** Where the binary built from a tarball with this SHA-256 is kept. */
export function binaryPath(peer: PeerRelease, sha256: string, home = PEERS_HOME): string {
  return path.join(home, 'bin', `${peer.name}-${peer.version}-${sha256.slice(0, 12)}`);
}

export interface PeerBinary {
  peer: PeerRelease;
  path: string;
  /** Seconds the build took; null when the cached binary was used. */
  buildSeconds: number | null;
}

async function build(peer: PeerRelease, tarball: string, binary: string): Promise<void> {
  fs.mkdirSync(PEERS_HOME, { recursive: true });
  const work = fs.mkdtempSync(path.join(PEERS_HOME, `${peer.name}-src-`));
  try {
    await run('tar', ['-xzf', tarball, '-C', work]);
    const source = path.join(work, `${peer.name}-${peer.version}`);
    if (!fs.existsSync(path.join(source, 'go.mod')))
      throw new Error(`${tarball} holds no ${peer.name}-${peer.version}/go.mod`);
    const partial = `${binary}.partial`;
    fs.mkdirSync(path.dirname(binary), { recursive: true });
    await run('go', ['build', '-o', partial, '.'], {
      cwd: source,
      env: { ...process.env, GOFLAGS: '-mod=mod' },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stderr?: string; message: string }) => {
      throw new Error(`go build of ${peer.name} failed: ${error.stderr || error.message}`);
    });
    // Renamed only once complete, so an interrupted build is not taken for a finished one.
    fs.renameSync(partial, binary);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The peer's binary, built unless the tarball's build is cached. */
export async function ensurePeerBinary(
  peer: PeerRelease,
  peersDir: string,
  log: (line: string) => void,
): Promise<PeerBinary> {
  const tarball = path.join(peersDir, tarballName(peer));
  if (!fs.existsSync(tarball)) {
    throw new Error(
      `${tarball} not found: put the peers' source tarballs there, or point --peers-dir or PEERS_DIR at them.`,
    );
  }
  const sha256 = crypto.createHash('sha256').update(fs.readFileSync(tarball)).digest('hex');
  const binary = binaryPath(peer, sha256);
  if (fs.existsSync(binary)) return { peer, path: binary, buildSeconds: null };
  log(`Building ${peer.label} ${peer.version} from ${tarball} (go build, once; cached in ${path.dirname(binary)})...`);
  const startedAt = performance.now();
  await build(peer, tarball, binary);
  return { peer, path: binary, buildSeconds: (performance.now() - startedAt) / 1000 };
}
