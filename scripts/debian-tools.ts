/**
 * Servers and browsers the tests run for real come from Debian packages: install one when
 * it is missing and we are allowed to (root with apt-get), else say how.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export interface DebianTool {
  /** What it is, for messages. */
  name: string;
  /** Where the package puts the executable (overridable by `envVar`). */
  path: string;
  envVar: string;
  pkg: string;
}

export const CHROMIUM: DebianTool = {
  name: 'Chromium',
  path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  envVar: 'CHROMIUM_PATH',
  pkg: 'chromium',
};

export const ALERTMANAGER: DebianTool = {
  name: 'Prometheus Alertmanager',
  path: process.env.ALERTMANAGER_PATH ?? '/usr/bin/prometheus-alertmanager',
  envVar: 'ALERTMANAGER_PATH',
  pkg: 'prometheus-alertmanager',
};

export const PROMETHEUS: DebianTool = {
  name: 'Prometheus',
  path: process.env.PROMETHEUS_PATH ?? '/usr/bin/prometheus',
  envVar: 'PROMETHEUS_PATH',
  pkg: 'prometheus',
};

export const NGINX: DebianTool = {
  name: 'nginx',
  path: process.env.NGINX_PATH ?? '/usr/sbin/nginx',
  envVar: 'NGINX_PATH',
  pkg: 'nginx',
};

/**
 * PostgreSQL's server binaries (initdb, postgres) live under a directory per major version;
 * the newest present is used, 15 (Debian 12's) when none is.
 */
function postgresBinDir(): string {
  if (process.env.POSTGRES_BIN_DIR) return process.env.POSTGRES_BIN_DIR;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && fs.existsSync(`${root}/${name}/bin/postgres`))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return `${root}/${versions[0] ?? '15'}/bin`;
}

export const POSTGRES_BIN_DIR = postgresBinDir();

export const POSTGRES: DebianTool = {
  name: 'PostgreSQL',
  path: `${POSTGRES_BIN_DIR}/postgres`,
  envVar: 'POSTGRES_BIN_DIR',
  pkg: 'postgresql',
};

/** promtool comes with Prometheus's package, next to it. */
export const PROMTOOL_PATH = process.env.PROMTOOL_PATH ?? '/usr/bin/promtool';

/** Returns true when the tool is (now) present. Installs its package with apt-get only when running as root. */
export function ensureDebianTool(tool: DebianTool, log: (line: string) => void = console.log): boolean {
  if (fs.existsSync(tool.path)) return true;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    log(
      `${tool.name} is missing at ${tool.path}: install it with \`sudo apt-get install -y ${tool.pkg}\` (or set ${tool.envVar}).`,
    );
    return false;
  }
  log(`Installing Debian ${tool.pkg} for the tests (apt-get install -y ${tool.pkg})...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-q', tool.pkg], { stdio: 'inherit', env });
  return fs.existsSync(tool.path);
}
