/**
 * A real nginx (Debian's package) on loopback for tests: a reverse proxy that passes
 * `prefix` and everything under it, unchanged, to an upstream, as teams put Watermark
 * behind a path; anything else is nginx's own 404. One process (no master, no workers
 * switching user), its files in a temporary directory, every request in an access log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NGINX } from '../../scripts/debian-tools';

export interface RunningNginx {
  /** http://127.0.0.1:port */
  url: string;
  /** The request lines nginx logged so far: `METHOD URI STATUS`. */
  requests(): string[];
  output(): string;
  stop(): Promise<void>;
}

export async function startNginx(port: number, prefix: string, upstream: string): Promise<RunningNginx> {
  if (!fs.existsSync(NGINX.path)) {
    throw new Error(`${NGINX.name} not found at ${NGINX.path}: apt-get install -y ${NGINX.pkg}`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watermark-nginx-'));
  const accessLog = path.join(dir, 'access.log');
  const proxy = [
    `      proxy_pass ${upstream};`,
    '      proxy_http_version 1.1;',
    '      proxy_set_header Host $http_host;',
    '      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '      proxy_set_header X-Forwarded-Proto $scheme;',
  ];
  const config = [
    'daemon off;',
    'master_process off;',
    `pid ${path.join(dir, 'nginx.pid')};`,
    'error_log stderr warn;',
    'events { worker_connections 256; }',
    'http {',
    "  log_format requests '$request_method $request_uri $status';",
    `  access_log ${accessLog} requests;`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
      (kind) => `  ${kind}_temp_path ${path.join(dir, kind)};`,
    ),
    '  server {',
    `    listen 127.0.0.1:${port};`,
    `    location = ${prefix} {`,
    ...proxy,
    '    }',
    `    location ${prefix}/ {`,
    ...proxy,
    '    }',
    '    location = /-/nginx-ready { access_log off; return 204; }',
    '    location / { return 404 "not under the proxied path\\n"; }',
    '  }',
    '}',
    '',
  ].join('\n');
  const configFile = path.join(dir, 'nginx.conf');
  fs.writeFileSync(configFile, config);
  const output: string[] = [];
  const child: ChildProcess = spawn(NGINX.path, ['-p', dir, '-e', 'stderr', '-c', configFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => output.push(String(chunk)));
  child.stderr?.on('data', (chunk) => output.push(String(chunk)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${output.join('')}`);
    try {
      if ((await fetch(`${url}/-/nginx-ready`)).status === 204) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not listen on ${url} within 20 s: ${output.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    requests: () => (fs.existsSync(accessLog) ? fs.readFileSync(accessLog, 'utf8').split('\n').filter(Boolean) : []),
    output: () => output.join(''),
    stop,
  };
}
