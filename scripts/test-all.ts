/**
 * npm test: unit tests, then integration tests against the local Kafka cluster
 * (started if not running, reused if it is), while the production builds run beside
 * both at low priority; then browser tests against `next start`,
 * then the compatibility subset against the default cluster and against each other
 * Kafka version and mode users run, one after another, each on its own ports; each of
 * those clusters starts while the tests before it run.
 * Stops the default cluster afterwards only if it started it; the others always.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE_PATH_BUILD_ENV } from './base-path-build';
import { ensureChromium } from './chromium';
import { ALERTMANAGER, ensureDebianTool, NGINX, POSTGRES, PROMETHEUS } from './debian-tools';
import { down, runningVersion, up } from './kafka/cluster';
import { REPO_ROOT } from './kafka/layout';

const env = { ...process.env, TZ: 'UTC', NEXT_TELEMETRY_DISABLED: '1' };

/**
 * The other clusters of the compatibility subset, each on ports of its own (moved by 100,
 * 200, 300): the next one starts while the tests on the one before run.
 */
const COMPAT_CLUSTERS = [
  { KAFKA_VERSION: '3.9.1', KAFKA_MODE: 'zookeeper' },
  { KAFKA_VERSION: '3.6.2', KAFKA_MODE: 'kraft' },
  { KAFKA_VERSION: '2.8.2', KAFKA_MODE: 'zookeeper' },
].map((cluster, index) => ({ ...cluster, KAFKA_PORT_OFFSET: String(100 * (index + 1)) }));

function step(title: string, command: string, args: string[], extraEnv: Record<string, string> = {}): boolean {
  console.log(`\n=== ${title} ===`);
  const startedAt = Date.now();
  const result = spawnSync(command, args, { cwd: REPO_ROOT, env: { ...env, ...extraEnv }, stdio: 'inherit' });
  console.log(
    `=== ${title}: ${result.status === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - startedAt) / 1000)} s ===`,
  );
  return result.status === 0;
}

const nameOf = (cluster: Record<string, string>) => `Kafka ${cluster.KAFKA_VERSION} ${cluster.KAFKA_MODE}`;
const CLI = ['scripts/kafka/cli.ts'];

/** A step run in the background: its output kept in a file and printed when it ends. */
interface BackgroundStep {
  done: Promise<boolean>;
  /** Ends the step and whatever it started. */
  stop(): void;
}

/**
 * Runs a step in the background while other steps run; `lowPriority` runs it under
 * `nice -n 19` and the idle I/O class, so the tests beside it keep the machine.
 */
function inBackground(
  title: string,
  command: string,
  args: string[],
  extraEnv: Record<string, string> = {},
  lowPriority = false,
): BackgroundStep {
  const startedAt = Date.now();
  // To a file, not a pipe: a pipe nobody reads while a step runs could fill and stall it.
  const logFile = path.join(os.tmpdir(), `watermark-step-${process.pid}-${title.replace(/\W+/g, '-')}.log`);
  const fd = fs.openSync(logFile, 'w');
  const [run, runArgs] = lowPriority ? ['nice', ['-n', '19', 'ionice', '-c', '3', command, ...args]] : [command, args];
  const child = spawn(run, runArgs, {
    cwd: REPO_ROOT,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  fs.closeSync(fd);
  const done = new Promise<boolean>((resolve) => {
    child.on('close', (code) => {
      console.log(`\n=== ${title} (in the background) ===\n${fs.readFileSync(logFile, 'utf8').trimEnd()}`);
      fs.rmSync(logFile, { force: true });
      const seconds = Math.round((Date.now() - startedAt) / 1000);
      console.log(`=== ${title} (in the background): ${code === 0 ? 'passed' : 'FAILED'} in ${seconds} s ===`);
      resolve(code === 0);
    });
  });
  return {
    done,
    stop: () => {
      try {
        if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Ended meanwhile.
      }
    },
  };
}

/** Starts a cluster in the background while other tests run; resolves whether it started. */
function startInBackground(cluster: Record<string, string>): Promise<boolean> {
  return inBackground(`${nameOf(cluster)}: start`, bin('tsx'), [...CLI, 'up'], cluster).done;
}

/**
 * The production build, then the same app under /watermark, one after the other in the
 * background at low priority: they run while the integration tests mostly wait on Kafka.
 */
function buildsInBackground(): BackgroundStep {
  // Also .next/standalone, for the browser test of the server as the image runs it.
  const first = inBackground('production build', bin('next'), ['build'], { WATERMARK_STANDALONE: '1' }, true);
  let second: BackgroundStep | null = null;
  let stopped = false;
  const done = first.done.then((built) => {
    if (!built || stopped) return false;
    // The same app under a path, for the browser test through a reverse proxy (types checked by the first).
    const underPath = { ...BASE_PATH_BUILD_ENV, WATERMARK_BUILD_SKIP_TYPECHECK: '1' };
    second = inBackground('production build under /watermark', bin('next'), ['build'], underPath, true);
    return second.done;
  });
  return {
    done,
    stop: () => {
      stopped = true;
      first.stop();
      (second as BackgroundStep | null)?.stop();
    },
  };
}

/**
 * Runs the compatibility subset on each other cluster in turn, each started while the tests
 * before it ran; stops every one whatever happened.
 */
async function compatOnOthers(firstStarting: Promise<boolean>): Promise<boolean> {
  let starting = firstStarting;
  try {
    for (const [index, cluster] of COMPAT_CLUSTERS.entries()) {
      const started = await starting;
      const next = COMPAT_CLUSTERS[index + 1];
      starting = next ? startInBackground(next) : Promise.resolve(true);
      try {
        if (!started) return false;
        if (!step(`${nameOf(cluster)}: compatibility tests`, bin('vitest'), ['run', '--project', 'compat'], cluster))
          return false;
      } finally {
        step(`${nameOf(cluster)}: stop`, bin('tsx'), [...CLI, 'down'], cluster);
      }
    }
    return true;
  } finally {
    // One started ahead of a failure is stopped too.
    await starting;
    for (const cluster of COMPAT_CLUSTERS)
      spawnSync(bin('tsx'), [...CLI, 'down'], { cwd: REPO_ROOT, env: { ...env, ...cluster } });
  }
}

function bin(name: string): string {
  return path.join(REPO_ROOT, 'node_modules', '.bin', name);
}

async function main(): Promise<number> {
  // From the start, at low priority: they take what the tests leave of the machine.
  const builds = buildsInBackground();
  try {
    return await testAll(builds);
  } finally {
    builds.stop();
  }
}

async function testAll(builds: BackgroundStep): Promise<number> {
  if (!step('unit tests', bin('vitest'), ['run', '--project', 'unit'])) return 1;
  const tools = [ALERTMANAGER, PROMETHEUS, NGINX, POSTGRES];
  if (!ensureChromium() || !tools.every((tool) => ensureDebianTool(tool))) return 1;

  const startedHere = runningVersion() === null;
  let firstOther: Promise<boolean> = Promise.resolve(false);
  console.log('\n=== local Kafka cluster ===');
  await up();
  try {
    if (!step('integration tests (real Kafka)', bin('vitest'), ['run', '--project', 'integration'])) return 1;
    console.log('\n=== waiting for the production builds ===');
    if (!(await builds.done)) return 1;
    if (!step('browser tests (Chromium, next start, real Kafka)', bin('vitest'), ['run', '--project', 'e2e'])) return 1;
    // The first other cluster starts while the default one is tested.
    firstOther = startInBackground(COMPAT_CLUSTERS[0]);
    if (!step('compatibility tests (default cluster)', bin('vitest'), ['run', '--project', 'compat'])) {
      await firstOther;
      step(`${nameOf(COMPAT_CLUSTERS[0])}: stop`, bin('tsx'), [...CLI, 'down'], COMPAT_CLUSTERS[0]);
      return 1;
    }
  } finally {
    if (startedHere) {
      console.log('\n=== stopping the local Kafka cluster this run started ===');
      await down();
    }
  }
  return (await compatOnOthers(firstOther)) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`npm test: ${error.message}`);
    process.exit(1);
  },
);
