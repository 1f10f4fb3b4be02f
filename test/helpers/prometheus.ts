/**
 * A real Prometheus (Debian's package) on loopback for tests: scrapes one target's
 * /api/metrics every second, evaluates the given rule files every second, keeps its data
 * in a temporary folder. `query` runs an instant query.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROMETHEUS } from '../../scripts/debian-tools';

export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface RunningPrometheus {
  url: string;
  query(expr: string): Promise<PromSample[]>;
  /** GET /api/v1/rules: each rule's name, health and last error. */
  rules(): Promise<{ name: string; health: string; lastError?: string; type: string }[]>;
  stop(): Promise<void>;
}

export async function startPrometheus(port: number, target: string, ruleFiles: string[]): Promise<RunningPrometheus> {
  if (!fs.existsSync(PROMETHEUS.path)) {
    throw new Error(`${PROMETHEUS.name} not found at ${PROMETHEUS.path}: apt-get install -y ${PROMETHEUS.pkg}`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watermark-prometheus-'));
  const config = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(
    config,
    [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      `rule_files: ${JSON.stringify(ruleFiles)}`,
      'scrape_configs:',
      '  - job_name: watermark',
      '    metrics_path: /api/metrics',
      `    static_configs: [{ targets: [${JSON.stringify(new URL(target).host)}] }]`,
      '',
    ].join('\n'),
  );
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(
    PROMETHEUS.path,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const api = async (pathAndQuery: string) => {
    const response = await fetch(`${url}${pathAndQuery}`);
    const body = (await response.json()) as { status: string; data: unknown; error?: string };
    if (body.status !== 'success') throw new Error(`${pathAndQuery}: ${body.error ?? response.status}`);
    return body.data;
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Prometheus exited with ${child.exitCode}: ${output}`);
    if ((await fetch(`${url}/-/ready`).catch(() => null))?.ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Prometheus did not become ready on ${url}: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    async query(expr) {
      const data = (await api(`/api/v1/query?query=${encodeURIComponent(expr)}`)) as { result: PromSample[] };
      return data.result;
    },
    async rules() {
      const data = (await api('/api/v1/rules')) as {
        groups: { rules: { name: string; health: string; lastError?: string; type: string }[] }[];
      };
      return data.groups.flatMap((g) => g.rules);
    },
    stop,
  };
}
