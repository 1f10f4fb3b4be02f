/**
 * npm test: unit tests, then integration tests against the local Kafka cluster
 * (started if not running, reused if it is), then browser tests against `next start`.
 * Stops the cluster afterwards only if it started it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureChromium } from './chromium';
import { down, runningVersion, up } from './kafka/cluster';
import { REPO_ROOT } from './kafka/layout';

const env = { ...process.env, TZ: 'UTC', NEXT_TELEMETRY_DISABLED: '1' };

function step(title: string, command: string, args: string[]): boolean {
  console.log(`\n=== ${title} ===`);
  const result = spawnSync(command, args, { cwd: REPO_ROOT, env, stdio: 'inherit' });
  return result.status === 0;
}

function bin(name: string): string {
  return path.join(REPO_ROOT, 'node_modules', '.bin', name);
}

async function main(): Promise<number> {
  if (!step('unit tests', bin('vitest'), ['run', '--project', 'unit'])) return 1;
  if (!ensureChromium()) return 1;

  const startedHere = runningVersion() === null;
  console.log('\n=== local Kafka cluster ===');
  await up();
  try {
    if (!step('integration tests (real Kafka)', bin('vitest'), ['run', '--project', 'integration'])) return 1;
    if (!step('production build', bin('next'), ['build'])) return 1;
    if (!step('browser tests (Chromium, next start, real Kafka)', bin('vitest'), ['run', '--project', 'e2e'])) return 1;
    return 0;
  } finally {
    if (startedHere) {
      console.log('\n=== stopping the local Kafka cluster this run started ===');
      await down();
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`npm test: ${error.message}`);
    process.exit(1);
  },
);
