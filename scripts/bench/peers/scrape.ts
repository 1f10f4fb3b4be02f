/**
 * One scrape of a Prometheus endpoint, as Prometheus would make it, and what the tables
 * need from its text: its size, its series, and a sample's value.
 */

export interface Scrape {
  bytes: number;
  series: number;
  text: string;
}

/** Series in Prometheus text: every sample line (not a comment, not blank). */
export function countSeries(text: string): number {
  return text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#')).length;
}

/**
 * The sum of the samples of `name` (every label set), or null when there is none.
 * Exact name match: `foo` does not match `foo_total`.
 */
export function sampleSum(text: string, name: string): number | null {
  let sum: number | null = null;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (!rest.startsWith('{') && !rest.startsWith(' ')) continue;
    // The value follows the labels (whose values may hold spaces); a timestamp may follow it.
    const afterLabels = rest.startsWith('{') ? rest.slice(rest.lastIndexOf('}') + 1) : rest;
    const value = Number(afterLabels.trim().split(/\s+/)[0]);
    if (!Number.isNaN(value)) sum = (sum ?? 0) + value;
  }
  return sum;
}

const SCRAPE_TIMEOUT_MS = 60_000;

export async function scrape(url: string): Promise<Scrape> {
  const response = await fetch(url, {
    headers: { accept: 'text/plain;version=0.0.4' },
    signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  const text = body.toString('utf8');
  return { bytes: body.length, series: countSeries(text), text };
}
