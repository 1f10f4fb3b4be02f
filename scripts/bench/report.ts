/**
 * Prints what the cluster looked like to the cycles and the statistics over the measured cycles.
 */
import type { ClusterSnapshot } from '../../lib/collector/snapshot';
import type { StorageMeasurement } from './bench-history';
import type { CycleMeasurement, CycleRun } from './cycles';
import { formatStats, spreadPhrase, stats, type Stats } from './stats';
import { formatMegabytes, printStorage } from './storage-report';

interface Totals {
  brokers: number;
  reachable: number;
  topics: number;
  internalTopics: number;
  partitions: number;
  groups: number;
}

function clusterTotals(snapshot: ClusterSnapshot): Totals {
  return {
    brokers: snapshot.brokers.length,
    reachable: snapshot.brokers.filter((b) => b.reachable).length,
    topics: snapshot.topics.length,
    internalTopics: snapshot.topics.filter((t) => t.internal).length,
    partitions: snapshot.topics.reduce((sum, t) => sum + t.partitions.length, 0),
    groups: snapshot.groups.length,
  };
}

function benchShare(snapshot: ClusterSnapshot, prefix: string): string {
  const topics = snapshot.topics.filter((t) => t.name.startsWith(prefix));
  const partitions = topics.reduce((sum, t) => sum + t.partitions.length, 0);
  const groups = snapshot.groups.filter((g) => g.groupId.startsWith(prefix));
  const committed = groups.filter((g) => g.offsets.length > 0).length;
  return `${topics.length} topics, ${partitions} partitions, ${groups.length} groups (${committed} with committed offsets)`;
}

function printCluster(t: Totals, last: ClusterSnapshot, prefix: string): void {
  console.log(`\nCluster as seen by the last cycle:`);
  console.log(`  brokers     ${t.brokers} (${t.reachable} reachable)`);
  console.log(`  topics      ${t.topics} (${t.internalTopics} internal)`);
  console.log(`  partitions  ${t.partitions}`);
  console.log(`  groups      ${t.groups}`);
  console.log(`  of which bench: ${benchShare(last, prefix)}`);
}

interface CycleStats {
  duration: Stats;
  requests: Stats;
  analysisMs: Stats;
  analysisRequests: Stats;
  asked: Stats;
  answered: Stats;
  writeMs: Stats;
  rows: Stats;
  frameBytes: Stats;
  alertsMs: Stats;
  activeAlerts: Stats;
  timelineCpuMs: Stats;
  scrapeRenderMs: Stats;
  scrapeDeflateCpuMs: Stats;
  scrapeBytes: Stats;
  scrapeGzippedBytes: Stats;
  cpuMs: Stats;
  longestBlockMs: Stats;
}

function cycleStats(measured: CycleMeasurement[]): CycleStats {
  const of = (pick: (m: CycleMeasurement) => number) => stats(measured.map(pick));
  // A raw frame is written once a minute: the others are 0.
  const frames = measured.map((m) => m.write.frameBytes).filter((bytes) => bytes > 0);
  return {
    duration: of((m) => m.snapshot.durationMs),
    requests: of((m) => m.snapshot.requestCount),
    analysisMs: of((m) => m.analysisMs),
    analysisRequests: of((m) => m.analysisRequests),
    asked: of((m) => m.timestamps.requested),
    answered: of((m) => m.timestamps.answered),
    writeMs: of((m) => m.write.writeMs),
    rows: of((m) => m.write.rows),
    frameBytes: stats(frames.length > 0 ? frames : [0]),
    alertsMs: of((m) => m.alertsMs),
    activeAlerts: of((m) => m.activeAlerts),
    timelineCpuMs: of((m) => m.timeline.cpuMs),
    scrapeRenderMs: of((m) => m.scrape.renderMs),
    scrapeDeflateCpuMs: of((m) => m.scrape.deflateCpuMs),
    scrapeBytes: of((m) => m.scrape.bytes),
    scrapeGzippedBytes: of((m) => m.scrape.gzippedBytes),
    cpuMs: of((m) => m.cpuMs),
    longestBlockMs: of((m) => m.longestBlockMs),
  };
}

const ms1 = (value: number) => value.toFixed(1);

function printCycleStats(s: CycleStats, count: number): void {
  console.log(`\nOver ${count} measured cycles:`);
  console.log(`  collection         ${formatStats(s.duration, ' ms')}`);
  console.log(`  Kafka requests     ${formatStats(s.requests, '')}`);
  console.log(`  analysis           ${formatStats(s.analysisMs, ' ms', ms1)}`);
  console.log(`    timestamps asked ${formatStats(s.asked, '')}`);
  console.log(`    answered         ${formatStats(s.answered, '')}`);
  console.log(`    Kafka requests   ${formatStats(s.analysisRequests, '')}`);
  console.log(`  history write      ${formatStats(s.writeMs, ' ms', ms1)}`);
  console.log(`    rows             ${formatStats(s.rows, '')} (aggregates, and the raw frame when one is written)`);
  console.log(`    raw frame        ${formatStats(s.frameBytes, ' bytes')} (one a minute)`);
  console.log(`  alerts             ${formatStats(s.alertsMs, ' ms', ms1)}`);
  console.log(`    active           ${formatStats(s.activeAlerts, '')}`);
  console.log(`  timeline           ${formatStats(s.timelineCpuMs, ' ms CPU', ms1)} (changes derived and written)`);
  console.log(`  CPU per cycle      ${formatStats(s.cpuMs, ' ms', ms1)} (without the scrape)`);
  console.log(`  scrape, per cycle  render ${formatStats(s.scrapeRenderMs, ' ms', ms1)}`);
  console.log(`    gzip             ${formatStats(s.scrapeDeflateCpuMs, ' ms CPU', ms1)}`);
  console.log(
    `    size             ${formatStats(s.scrapeBytes, ' bytes')}, gzipped ${formatStats(s.scrapeGzippedBytes, ' bytes')}`,
  );
  console.log(
    `  longest block      ${formatStats(s.longestBlockMs, ' ms', ms1)} (the event loop held up by synchronous work)`,
  );
}

function summaryLine(t: Totals, s: CycleStats, storage: StorageMeasurement): string {
  const { duration } = s;
  return (
    `${t.partitions} partitions, ${t.groups} groups: cycle median ${duration.median} ms ` +
    `(min ${duration.min}, max ${duration.max}), ${spreadPhrase(s.requests)} Kafka requests per cycle; ` +
    `analysis median ${ms1(s.analysisMs.median)} ms; ` +
    `history write median ${ms1(s.writeMs.median)} ms (${spreadPhrase(s.rows)} rows, raw frame ${spreadPhrase(s.frameBytes)} bytes); ` +
    `alerts median ${ms1(s.alertsMs.median)} ms (${spreadPhrase(s.activeAlerts)} active); ` +
    `timeline median ${ms1(s.timelineCpuMs.median)} ms CPU; ` +
    `CPU median ${ms1(s.cpuMs.median)} ms per cycle; ` +
    `scrape's per-cycle part render median ${ms1(s.scrapeRenderMs.median)} ms, gzip ${ms1(s.scrapeDeflateCpuMs.median)} ms CPU ` +
    `(${spreadPhrase(s.scrapeBytes)} bytes, ${spreadPhrase(s.scrapeGzippedBytes)} gzipped); longest event-loop block median ${ms1(s.longestBlockMs.median)} ms (max ${ms1(s.longestBlockMs.max)}); ` +
    `database ${formatMegabytes(storage.databaseBytes)} MB after ${storage.cyclesWritten} cycles`
  );
}

export function report(run: CycleRun, storage: StorageMeasurement, prefix: string): void {
  const last = run.measured[run.measured.length - 1].snapshot;
  const totals = clusterTotals(last);
  const s = cycleStats(run.measured);
  printCluster(totals, last, prefix);
  printCycleStats(s, run.measured.length);
  printStorage(storage);
  console.log(`\n${summaryLine(totals, s, storage)}`);
}
