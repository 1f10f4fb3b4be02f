/**
 * One endpoint under load: `clients` clients, each sending its next request as soon as
 * the last one's body has been read, for `durationMs`; the server's CPU time is read
 * before and after. Clients ask like browsers and Prometheus do (Accept-Encoding: gzip);
 * with `revalidate`, each one sends the ETag it last got as If-None-Match.
 */
import { cpuSeconds } from './server-process';

export interface WindowResult {
  requests: number;
  /** Latency in ms per status (200, 304, errors as their status or 0 for a failed connection). */
  latencies: Map<number, number[]>;
  /** Bytes of body received, decoded. */
  bodyBytes: number;
  cpuSeconds: number;
  wallSeconds: number;
}

async function oneClient(url: string, until: number, revalidate: boolean, result: WindowResult): Promise<void> {
  let etag: string | null = null;
  while (performance.now() < until) {
    const started = performance.now();
    let status = 0;
    try {
      const response: Response = await fetch(url, {
        headers: { 'accept-encoding': 'gzip', ...(revalidate && etag ? { 'if-none-match': etag } : {}) },
      });
      result.bodyBytes += (await response.arrayBuffer()).byteLength;
      status = response.status;
      if (revalidate) etag = response.headers.get('etag') ?? etag;
    } catch {
      status = 0;
    }
    const latencies = result.latencies.get(status) ?? [];
    latencies.push(performance.now() - started);
    result.latencies.set(status, latencies);
    result.requests++;
  }
}

export async function runWindow(
  url: string,
  options: { clients: number; durationMs: number; pid: number; revalidate: boolean },
): Promise<WindowResult> {
  const result: WindowResult = { requests: 0, latencies: new Map(), bodyBytes: 0, cpuSeconds: 0, wallSeconds: 0 };
  const cpuBefore = cpuSeconds(options.pid);
  const started = performance.now();
  const until = started + options.durationMs;
  await Promise.all(Array.from({ length: options.clients }, () => oneClient(url, until, options.revalidate, result)));
  result.wallSeconds = (performance.now() - started) / 1000;
  result.cpuSeconds = cpuSeconds(options.pid) - cpuBefore;
  return result;
}

/** The p-th percentile (0–100) by nearest rank; NaN for no values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
