/**
 * npm run bench:requests -- [--url=http://127.0.0.1:3000] [--clients=50] [--duration=10]
 *                           [--pid=<server pid>] [--cluster=<id>] [--group=<id>] [--no-revalidate]
 *                           [--liveness=30]
 *
 * First the liveness check alone (one client, one request after another, no other load) for
 * --liveness seconds: its p95 and max are how long collection cycles hold the server's event
 * loop up. Then what the API costs the server under many clients: against a running Watermark server
 * (`npm start`, or the demo), each endpoint in turn gets --clients concurrent clients for
 * --duration seconds: the groups list, the topics list, one group's history and
 * /api/metrics. Per endpoint it prints the requests answered, p50/p95 latency and the
 * server's CPU-seconds per request over that endpoint's window (from /proc/<pid>/stat:
 * run it on the server's machine; the pid is found from the port when not given), and
 * the size of one metrics scrape. The JSON lists run again with ETag revalidation
 * (If-None-Match), counting 200s and 304s apart.
 *
 * The clients run on the same machine and take CPU too: compare runs made alike.
 */
import { runWindow, percentile, type WindowResult } from './bench/load-window';
import { UsageError } from './bench/options';
import { parseRequestOptions, type RequestBenchOptions } from './bench/request-options';
import { pidListeningOn } from './bench/server-process';

interface Endpoint {
  name: string;
  path: string;
  revalidate: boolean;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The cluster and group to ask about: the options', else the first cluster and its largest group. */
async function subjects(options: RequestBenchOptions): Promise<{ cluster: string; group: string | null }> {
  const { clusters } = await getJson<{ clusters: { id: string }[] }>(`${options.url}/api/clusters`);
  const cluster = options.cluster ?? clusters[0]?.id;
  if (!cluster) throw new Error('the server lists no cluster');
  if (options.group) return { cluster, group: options.group };
  const { groups } = await getJson<{ groups: { groupId: string; topics: string[] }[] }>(
    `${options.url}/api/clusters/${encodeURIComponent(cluster)}/groups`,
  );
  const largest = [...groups].sort((a, b) => b.topics.length - a.topics.length)[0];
  return { cluster, group: largest?.groupId ?? null };
}

function endpoints(cluster: string, group: string | null, revalidate: boolean): Endpoint[] {
  const base = `/api/clusters/${encodeURIComponent(cluster)}`;
  const lists = [
    { name: 'groups list', path: `${base}/groups` },
    { name: 'topics list', path: `${base}/topics` },
  ];
  return [
    ...lists.map((e) => ({ ...e, revalidate: false })),
    ...(revalidate ? lists.map((e) => ({ name: `${e.name} (If-None-Match)`, path: e.path, revalidate: true })) : []),
    ...(group
      ? [
          {
            name: 'group history 1h',
            path: `${base}/groups/${encodeURIComponent(group)}/history?range=1h`,
            revalidate: false,
          },
        ]
      : []),
    { name: '/api/metrics', path: '/api/metrics', revalidate: false },
  ];
}

const ms = (value: number) => (Number.isNaN(value) ? '-' : value < 10 ? value.toFixed(1) : value.toFixed(0));

function rows(endpoint: Endpoint, result: WindowResult): string[] {
  const cpuPerRequest = result.requests ? result.cpuSeconds / result.requests : NaN;
  const all = [...result.latencies.values()].flat();
  const line = (label: string, latencies: number[]) =>
    [
      label.padEnd(34),
      String(latencies.length).padStart(8),
      `${(latencies.length / result.wallSeconds).toFixed(1)}/s`.padStart(10),
      ms(percentile(latencies, 50)).padStart(8),
      ms(percentile(latencies, 95)).padStart(8),
    ].join(' ');
  const statuses = [...result.latencies.keys()].sort((a, b) => a - b);
  return [
    `${line(endpoint.name, all)} ${cpuPerRequest.toFixed(4).padStart(10)} ${result.cpuSeconds.toFixed(1).padStart(7)}`,
    ...(statuses.length > 1 || statuses[0] !== 200
      ? statuses.map((status) => line(`  status ${status || 'failed'}`, result.latencies.get(status)!))
      : []),
  ];
}

/** Bytes of one scrape, uncompressed. */
async function scrapeBytes(url: string): Promise<number> {
  const response = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  return (await response.arrayBuffer()).byteLength;
}

async function main(): Promise<void> {
  const options = parseRequestOptions(process.argv.slice(2));
  const pid = options.pid ?? pidListeningOn(Number(new URL(options.url).port || 80));
  if (pid === null) throw new Error(`no process of this user listens on ${options.url}: give --pid`);
  const { cluster, group } = await subjects(options);
  console.log(
    `Server pid ${pid} at ${options.url}, cluster ${cluster}${group ? `, group ${group}` : ''}: ` +
      `${options.clients} clients, ${options.durationSeconds} s per endpoint.`,
  );
  console.log(
    `${'endpoint'.padEnd(34)} ${'requests'.padStart(8)} ${'rate'.padStart(10)} ${'p50 ms'.padStart(8)} ` +
      `${'p95 ms'.padStart(8)} ${'CPU-s/req'.padStart(10)} ${'CPU-s'.padStart(7)}`,
  );
  if (options.livenessSeconds > 0) {
    const result = await runWindow(`${options.url}/api/health/live`, {
      clients: 1,
      durationMs: options.livenessSeconds * 1000,
      pid,
      revalidate: false,
    });
    const latencies = [...result.latencies.values()].flat();
    for (const line of rows({ name: 'liveness, 1 client, no other load', path: '', revalidate: false }, result)) {
      console.log(line);
    }
    console.log(`  liveness max ${ms(Math.max(...latencies))} ms over ${options.livenessSeconds} s`);
  }
  for (const endpoint of endpoints(cluster, group, options.revalidate)) {
    const result = await runWindow(`${options.url}${endpoint.path}`, {
      clients: options.clients,
      durationMs: options.durationSeconds * 1000,
      pid,
      revalidate: endpoint.revalidate,
    });
    for (const line of rows(endpoint, result)) console.log(line);
  }
  const bytes = await scrapeBytes(`${options.url}/api/metrics`);
  console.log(`One /api/metrics scrape: ${bytes.toLocaleString('en')} bytes uncompressed.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? error.message : `bench:requests failed: ${(error as Error).message}`);
  process.exit(1);
});
