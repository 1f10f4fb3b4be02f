/**
 * A real Prometheus Alertmanager (Debian's package) on loopback for tests: one route to
 * a webhook receiver, grouping flushed within a second, resolved alerts sent on, no
 * clustering. `alerts()` reads its v2 API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALERTMANAGER } from '../../scripts/debian-tools';

export interface RunningAlertmanager {
  /** http://127.0.0.1:port */
  url: string;
  /** `GET /api/v2/alerts` with the given filters (active, silenced, inhibited, unprocessed). */
  alerts(query?: Record<string, boolean>): Promise<AlertmanagerApiAlert[]>;
  stop(): Promise<void>;
}

/** The fields of Alertmanager's gettableAlert the tests read. */
export interface AlertmanagerApiAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL?: string;
  status: { state: string };
}

export async function startAlertmanager(port: number, receiverUrl: string): Promise<RunningAlertmanager> {
  if (!fs.existsSync(ALERTMANAGER.path)) {
    throw new Error(`${ALERTMANAGER.name} not found at ${ALERTMANAGER.path}: apt-get install -y ${ALERTMANAGER.pkg}`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watermark-alertmanager-'));
  const config = path.join(dir, 'alertmanager.yml');
  fs.writeFileSync(
    config,
    [
      'route:',
      '  receiver: hook',
      "  group_by: ['alertname', 'cluster', 'group', 'topic', 'broker']",
      '  group_wait: 1s',
      '  group_interval: 1s',
      '  repeat_interval: 1h',
      'receivers:',
      '  - name: hook',
      '    webhook_configs:',
      `      - url: ${JSON.stringify(receiverUrl)}`,
      '        send_resolved: true',
      '',
    ].join('\n'),
  );
  const url = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child: ChildProcess = spawn(
    ALERTMANAGER.path,
    [
      `--config.file=${config}`,
      `--storage.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk) => output.push(String(chunk)));
  child.stderr?.on('data', (chunk) => output.push(String(chunk)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Alertmanager exited with ${child.exitCode}: ${output.join('')}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Alertmanager did not become ready on ${url}: ${output.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    async alerts(query = {}) {
      const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
      const response = await fetch(`${url}/api/v2/alerts?${search}`);
      if (!response.ok) throw new Error(`GET /api/v2/alerts: HTTP ${response.status}`);
      return (await response.json()) as AlertmanagerApiAlert[];
    },
    stop,
  };
}
