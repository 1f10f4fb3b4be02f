/**
 * The demo's production build: `next build` into .next when the sources changed since
 * the last one the demo made (build-fingerprint.ts), else the build already there. A
 * normal production build, the same `npm run build` and the browser tests use.
 */
import path from 'node:path';
import { buildFingerprint, staleBuildReason, writeBuildRecord } from './build-fingerprint';
import { startChild, type DemoChild } from './child-processes';

export interface ProductionBuild {
  /** The `next build` process, or null when the existing build is reused. */
  child: DemoChild | null;
  /** Resolves when the build is ready to serve; rejects with next build's output when it failed. */
  ready: Promise<void>;
}

export function nextBin(root: string): string {
  return path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
}

export function startProductionBuild(
  root: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): ProductionBuild {
  const distDir = path.join(root, '.next');
  const fingerprint = buildFingerprint(root);
  const reason = staleBuildReason(distDir, fingerprint);
  if (reason === null) {
    log('Dashboard: reusing the production build (the sources have not changed since it was made).');
    return { child: null, ready: Promise.resolve() };
  }
  log(`Dashboard: building for production (${reason}); later runs reuse it until the sources change...`);
  const startedAt = Date.now();
  const child = startChild('build', process.execPath, [nextBin(root), 'build'], {
    cwd: root,
    env: { ...env, WATERMARK_BUILD_SKIP_TYPECHECK: '1' },
    // Its output only matters when it fails; the terminal is busy with Kafka meanwhile.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.process.stdout?.on('data', (chunk: Buffer) => output.push(String(chunk)));
  child.process.stderr?.on('data', (chunk: Buffer) => output.push(String(chunk)));
  const ready = child.exited.then((code) => {
    if (code !== 0) throw new Error(`next build failed (${code}):\n${output.join('')}`);
    // Sources edited during the build: serve it, but do not vouch for it next time.
    if (buildFingerprint(root) === fingerprint) writeBuildRecord(distDir, fingerprint);
    log(`Dashboard: built in ${Math.round((Date.now() - startedAt) / 1000)} s.`);
  });
  return { child, ready };
}
