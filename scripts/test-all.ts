/**
 * npm test: unit tests, then integration tests against the local Kafka cluster
 * (started if not running, reused if it is), then browser tests against `next start`,
 * then the compatibility subset against the default cluster and against each other
 * Kafka version and mode users run, one after another, each on its own ports.
 * Stops the default cluster afterwards only if it started it; the others always.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { BASE_PATH_BUILD_ENV } from './base-path-build';
import { ensureChromium } from './chromium';
import { ALERTMANAGER, ensureDebianTool, NGINX, POSTGRES, PROMETHEUS } from './debian-tools';
import { down, runningVersion, up } from './kafka/cluster';
import { REPO_ROOT } from './kafka/layout';

const env = { ...process.env, TZ: 'UTC', NEXT_TELEMETRY_DISABLED: '1' };

/** The other clusters of the compatibility subset; each runs beside the default one on ports moved by 100. */
const COMPAT_CLUSTERS = [
  { KAFKA_VERSION: '3.9.1', KAFKA_MODE: 'zookeeper' },
  { KAFKA_VERSION: '3.6.2', KAFKA_MODE: 'kraft' },
  { KAFKA_VERSION: '2.8.2', KAFKA_MODE: 'zookeeper' },
].map((cluster) => ({ ...cluster, KAFKA_PORT_OFFSET: '100' }));

function step(title: string, command: string, args: string[], extraEnv: Record<string, string> = {}): boolean {
  console.log(`\n=== ${title} ===`);
  const startedAt = Date.now();
  const result = spawnSync(command, args, { cwd: REPO_ROOT, env: { ...env, ...extraEnv }, stdio: 'inherit' });
  console.log(
    `=== ${title}: ${result.status === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - startedAt) / 1000)} s ===`,
  );
  return result.status === 0;
}

/** Starts one other cluster, runs the compatibility subset on it, and stops it whatever happened. */
function compatOn(cluster: Record<string, string>): boolean {
  const name = `Kafka ${cluster.KAFKA_VERSION} ${cluster.KAFKA_MODE}`;
  const cli = ['scripts/kafka/cli.ts'];
  try {
    if (!step(`${name}: start`, bin('tsx'), [...cli, 'up'], cluster)) return false;
    return step(`${name}: compatibility tests`, bin('vitest'), ['run', '--project', 'compat'], cluster);
  } finally {
    step(`${name}: stop`, bin('tsx'), [...cli, 'down'], cluster);
  }
}

function bin(name: string): string {
  return path.join(REPO_ROOT, 'node_modules', '.bin', name);
}

async function main(): Promise<number> {
  if (!step('unit tests', bin('vitest'), ['run', '--project', 'unit'])) return 1;
  const tools = [ALERTMANAGER, PROMETHEUS, NGINX, POSTGRES];
  if (!ensureChromium() || !tools.every((tool) => ensureDebianTool(tool))) return 1;

  const startedHere = runningVersion() === null;
  console.log('\n=== local Kafka cluster ===');
  await up();
  try {
    if (!step('integration tests (real Kafka)', bin('vitest'), ['run', '--project', 'integration'])) return 1;
    // Also .next/standalone, for the browser test of the server as the image runs it.
    if (!step('production build', bin('next'), ['build'], { WATERMARK_STANDALONE: '1' })) return 1;
    // The same app under a path, for the browser test through a reverse proxy (types checked above).
    const underPath = { ...BASE_PATH_BUILD_ENV, WATERMARK_BUILD_SKIP_TYPECHECK: '1' };
    if (!step('production build under /watermark', bin('next'), ['build'], underPath)) return 1;
    if (!step('browser tests (Chromium, next start, real Kafka)', bin('vitest'), ['run', '--project', 'e2e'])) return 1;
    if (!step('compatibility tests (default cluster)', bin('vitest'), ['run', '--project', 'compat'])) return 1;
  } finally {
    if (startedHere) {
      console.log('\n=== stopping the local Kafka cluster this run started ===');
      await down();
    }
  }
  for (const cluster of COMPAT_CLUSTERS) if (!compatOn(cluster)) return 1;
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`npm test: ${error.message}`);
    process.exit(1);
  },
);
