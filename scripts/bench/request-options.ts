/**
 * Command-line flags of `npm run bench:requests`.
 */
import { UsageError } from './options';

export interface RequestBenchOptions {
  /** The running server. */
  url: string;
  clients: number;
  durationSeconds: number;
  /** The server's process; found from the port it listens on when not given. */
  pid: number | null;
  /** Cluster id; default: the first the server lists. */
  cluster: string | null;
  /** Group whose history is asked; default: the group with the most partitions. */
  group: string | null;
  /** Also run each JSON list with ETag revalidation (If-None-Match). */
  revalidate: boolean;
  /** First, with no other load: one client on /api/health/live for this long (0: skip). */
  livenessSeconds: number;
}

export const REQUEST_USAGE = `Usage: npm run bench:requests -- [--url=http://127.0.0.1:3000] [--clients=50] [--duration=10]
                                [--pid=<server pid>] [--cluster=<id>] [--group=<id>] [--no-revalidate]
                                [--liveness=30]
First, with no other load, one client asks /api/health/live one request after another for --liveness
seconds (0 to skip): its p95 and max show how long the collection cycles hold the server up. Then it runs --clients concurrent clients for --duration seconds against each endpoint in turn (groups list,
topics list, a group's history, /api/metrics) of a running Watermark server, and reports requests,
p50/p95 latency and the server's CPU-seconds per request (from /proc/<pid>/stat). The JSON lists run
a second time with If-None-Match (200s and 304s counted apart) unless --no-revalidate.`;

function positive(flag: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`--${flag} needs a number > 0, got "${raw}".`);
  return value;
}

export function parseRequestOptions(argv: string[]): RequestBenchOptions {
  const options: RequestBenchOptions = {
    url: 'http://127.0.0.1:3000',
    clients: 50,
    durationSeconds: 10,
    pid: null,
    cluster: null,
    group: null,
    revalidate: true,
    livenessSeconds: 30,
  };
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const [flag, value] = match ? [match[1], match[2]] : ['', undefined];
    if (arg === '--help') throw new UsageError(REQUEST_USAGE);
    else if (arg === '--no-revalidate') options.revalidate = false;
    else if (flag === 'url' && value) options.url = value.replace(/\/$/, '');
    else if (flag === 'clients' && value) options.clients = Math.round(positive(flag, value));
    else if (flag === 'duration' && value) options.durationSeconds = positive(flag, value);
    else if (flag === 'pid' && value) options.pid = Math.round(positive(flag, value));
    else if (flag === 'cluster' && value) options.cluster = value;
    else if (flag === 'group' && value) options.group = value;
    else if (flag === 'liveness' && value === '0') options.livenessSeconds = 0;
    else if (flag === 'liveness' && value) options.livenessSeconds = positive(flag, value);
    else throw new UsageError(`Unknown argument ${arg}.\n${REQUEST_USAGE}`);
  }
  return options;
}
