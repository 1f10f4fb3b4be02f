/**
 * The measured window: every poller scraped once per interval, as Prometheus would (a
 * KMinion scrape is what makes it read Kafka), and the CPU time of every process tree
 * read at the start, the middle and the end, so each half gives CPU seconds per cycle.
 */
import { sleep } from '../../demo/child-processes';
import { checkInterrupted } from '../interrupt';
import type { PeerResult } from './peer-table';
import type { Poller } from './peer-processes';
import { readTree, type TreeReading } from './proc-stat';
import { sampleSum, scrape, type Scrape } from './scrape';

interface PollerTrack {
  poller: Poller;
  cpu: TreeReading[];
  first: Scrape | null;
  last: Scrape | null;
}

function readCpu(track: PollerTrack): void {
  const pid = track.poller.child.process.pid;
  if (pid === undefined) throw new Error(`${track.poller.name} has no process`);
  track.cpu.push(readTree(pid));
}

async function scrapeAll(tracks: PollerTrack[]): Promise<void> {
  await Promise.all(
    tracks.map(async (track) => {
      const result = await scrape(track.poller.metricsUrl);
      track.first ??= result;
      track.last = result;
    }),
  );
}

/** Watermark counts its own requests: their increase over the window per cycle run in it. */
function requestsPerCycle(first: Scrape, last: Scrape): number | null {
  const requests = (s: Scrape) => sampleSum(s.text, 'watermark_collector_requests_total');
  const cycles = (s: Scrape) => sampleSum(s.text, 'watermark_collector_cycles_total');
  const [r0, r1, c0, c1] = [requests(first), requests(last), cycles(first), cycles(last)];
  if (r0 === null || r1 === null || c0 === null || c1 === null || c1 === c0) return null;
  return (r1 - r0) / (c1 - c0);
}

function result(track: PollerTrack, cyclesPerHalf: number): PeerResult {
  const [start, middle, end] = track.cpu;
  const last = track.last as Scrape;
  return {
    name: track.poller.name,
    cpuSecondsPerCycle: [
      (middle.cpuSeconds - start.cpuSeconds) / cyclesPerHalf,
      (end.cpuSeconds - middle.cpuSeconds) / cyclesPerHalf,
    ],
    peakRssBytes: end.peakRssBytes,
    scrapeBytes: last.bytes,
    scrapeSeries: last.series,
    kafkaRequestsPerCycle: track.first ? requestsPerCycle(track.first, last) : null,
  };
}

/** Runs `cycles` intervals of `intervalSeconds`; returns one row per poller. */
export async function measureWindow(
  pollers: Poller[],
  intervalSeconds: number,
  cycles: number,
  log: (line: string) => void,
): Promise<PeerResult[]> {
  const tracks: PollerTrack[] = pollers.map((poller) => ({ poller, cpu: [], first: null, last: null }));
  const startedAt = Date.now();
  for (let i = 0; i < cycles; i++) {
    await sleep(Math.max(0, startedAt + i * intervalSeconds * 1000 - Date.now()));
    checkInterrupted();
    if (i === 0 || i === cycles / 2) tracks.forEach(readCpu);
    await scrapeAll(tracks);
    log(`  cycle ${i + 1}/${cycles}`);
  }
  await sleep(Math.max(0, startedAt + cycles * intervalSeconds * 1000 - Date.now()));
  tracks.forEach(readCpu);
  // One more Watermark scrape, after the CPU reading, so its request count spans the whole window.
  await scrapeAll(tracks.filter((t) => t.poller.name === 'Watermark'));
  return tracks.map((track) => result(track, cycles / 2));
}
