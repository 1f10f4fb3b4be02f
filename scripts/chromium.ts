/**
 * Browser tests drive Debian's Chromium; install it when missing and we are allowed to.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Returns true when Chromium is (now) present. Installs it with apt-get only when running as root. */
export function ensureChromium(log: (line: string) => void = console.log): boolean {
  if (fs.existsSync(CHROMIUM_PATH)) return true;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    log(
      `Chromium is missing at ${CHROMIUM_PATH}: install it with \`sudo apt-get install -y chromium\` (or set CHROMIUM_PATH).`,
    );
    return false;
  }
  log('Installing Debian chromium for the browser tests (apt-get install -y chromium)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-q', 'chromium'], { stdio: 'inherit', env });
  return fs.existsSync(CHROMIUM_PATH);
}
