/**
 * The per-cycle work of the server, run with the real code and timed step by step:
 * collect (lib/collector/collect-cycle.ts), analyse including the record-timestamp
 * reads for exact time lag (ClusterAnalyzer), append to the history (ClusterHistory), and
 * evaluate the alert rules and lifecycle, stored in the same database (ClusterAlerts).
 */
import { deriveEvents } from '../../lib/analysis/cluster-events';
import type { ClusterAlerts } from '../../lib/alerts/cluster-alerts';
import type { ClusterAnalysis } from '../../lib/collector/analysis-types';
import type { ClusterAnalyzer } from '../../lib/collector/cluster-analyzer';
import { createAnalyzer } from '../../lib/collector/cluster-pipeline';
import { collectCycle } from '../../lib/collector/collect-cycle';
import { nextTurn } from '../../lib/collector/slices';
import { historyRecord } from '../../lib/collector/history-record';
import type { ClusterSnapshot } from '../../lib/collector/snapshot';
import type { ClusterHistory, HistoryWriteStats } from '../../lib/history/cluster-history';
import { deflatePiece } from '../../lib/http/gzip-body';
import type { KafkaClient } from '../../lib/kafka/kafka-client';
import { cycleSegments } from '../../lib/metrics/read-metrics';
import { checkInterrupted } from './interrupt';

/** The defaults of lib/config/schema.ts (ClusterConfig). */
export const BENCH_CLUSTER = {
  id: 'bench',
  pollIntervalMs: 10_000,
  lagStatus: { windowSize: 10, allowedLag: 0 },
  exactTimeLagBudget: 200,
};

export interface CycleMeasurement {
  snapshot: ClusterSnapshot;
  analysisMs: number;
  /** Requests of the record-timestamp reads: the snapshot's requestCount covers only the collection. */
  analysisRequests: number;
  timestamps: ClusterAnalysis['recordTimestamps'];
  write: HistoryWriteStats;
  /** Rules, lifecycle and the alerts' database write. */
  alertsMs: number;
  activeAlerts: number;
  /** Deriving and writing the timeline's events of the cycle. */
  timeline: { ms: number; cpuMs: number; events: number };
  /**
   * The /api/metrics scrape's per-cycle part, made once per cycle by the first scrape: the
   * text rendered, then gzip-compressed (in the thread pool, counted in the CPU).
   */
  scrape: { renderMs: number; deflateCpuMs: number; bytes: number; gzippedBytes: number };
  /** CPU time of the whole cycle (this process, user + system). */
  cpuMs: number;
  /**
   * The longest the event loop waited behind synchronous work during the cycle (the longest
   * gap between the ticks of a 2 ms timer): in the server, how long a request or a health
   * check could wait.
   */
  longestBlockMs: number;
  /** The same, by step: collection, analysis, then history and alerts (one synchronous stretch). */
  longestBlockByStepMs: { collect: number; analysis: number; historyAndAlerts: number };
}

export interface CycleRun {
  warmUp: CycleMeasurement;
  measured: CycleMeasurement[];
}

/**
 * The longest gap between ticks of a 2 ms timer since the last `take`: how long synchronous
 * work held the event loop. (perf_hooks' monitorEventLoopDelay missed a 100 ms stretch
 * followed by a timer in a test of this; the gap between ticks does not.)
 */
class BlockMeter {
  #last = performance.now();
  #longest = 0;
  readonly #timer = setInterval(() => {
    const now = performance.now();
    this.#longest = Math.max(this.#longest, now - this.#last);
    this.#last = now;
  }, 2);

  take(): number {
    const longest = Math.max(this.#longest, performance.now() - this.#last);
    this.#longest = 0;
    return longest;
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

async function measureCycle(
  client: KafkaClient,
  analyzer: ClusterAnalyzer,
  history: ClusterHistory,
  alerts: ClusterAlerts,
  previous: ClusterSnapshot | null,
): Promise<CycleMeasurement> {
  const cpuAtStart = process.cpuUsage();
  const meter = new BlockMeter();
  const snapshot = await collectCycle(client, previous);
  const blockOf = async () => {
    // A turn of the event loop after the step's last synchronous stretch, so it is counted.
    await new Promise((resolve) => setTimeout(resolve, 10));
    return meter.take();
  };
  const collectBlockMs = await blockOf();
  const startedAt = performance.now();
  const analysis = await analyzer.analyze(snapshot);
  const analysisMs = performance.now() - startedAt;
  const analysisBlockMs = await blockOf();
  // collectCycle resets the client's counter, so what was added since is the analysis' share.
  const analysisRequests = client.requestCount - snapshot.requestCount;
  // With a turn of the event loop between the steps, as the server's pipeline gives one.
  const record = historyRecord(snapshot, analysis);
  await nextTurn();
  const write = history.record(record, snapshot.collectedAt);
  await nextTurn();
  // The timeline: what changed since the previous cycle (derived on the server's collector
  // thread, written on its web thread), both measured here.
  const timelineStartedAt = performance.now();
  const cpuBeforeTimeline = process.cpuUsage();
  const events = previous ? deriveEvents(previous, snapshot) : [];
  history.events.append(events, snapshot.collectedAt);
  const timelineCpu = process.cpuUsage(cpuBeforeTimeline);
  const timeline = {
    ms: performance.now() - timelineStartedAt,
    cpuMs: (timelineCpu.user + timelineCpu.system) / 1000,
    events: events.length,
  };
  await nextTurn();
  const alertsStartedAt = performance.now();
  const at = snapshot.collectedAt;
  const { id, pollIntervalMs } = BENCH_CLUSTER;
  const state = {
    id,
    name: id,
    pollIntervalMs,
    snapshot,
    analysis,
    lastAttemptAt: at,
    lastSuccessAt: at,
    error: null,
    errorKind: null,
    historyError: null,
  };
  alerts.evaluate(state, at);
  const alertsMs = performance.now() - alertsStartedAt;
  const activeAlerts = alerts.active().length;
  const restBlockMs = await blockOf();
  meter.stop();
  const cpu = process.cpuUsage(cpuAtStart);
  const scrape = await measureScrape(state);
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    longestBlockMs: Math.max(collectBlockMs, analysisBlockMs, restBlockMs),
    longestBlockByStepMs: { collect: collectBlockMs, analysis: analysisBlockMs, historyAndAlerts: restBlockMs },
    snapshot,
    analysisMs,
    analysisRequests,
    timestamps: analysis.recordTimestamps,
    write,
    alertsMs,
    activeAlerts,
    timeline,
    scrape,
  };
}

/** The scrape's per-cycle part as the server makes it for the first scrape after a cycle. */
async function measureScrape(state: Parameters<typeof cycleSegments>[0][number]): Promise<CycleMeasurement['scrape']> {
  const renderStartedAt = performance.now();
  const segments = cycleSegments([state]);
  const renderMs = performance.now() - renderStartedAt;
  const cpuAtStart = process.cpuUsage();
  const pieces = await Promise.all(segments.map(deflatePiece));
  const cpu = process.cpuUsage(cpuAtStart);
  const sum = (sizes: number[]) => sizes.reduce((a, b) => a + b, 0);
  return {
    renderMs,
    deflateCpuMs: (cpu.user + cpu.system) / 1000,
    bytes: sum(segments.map((s) => s.byteLength)),
    gzippedBytes: sum(pieces.map((p) => p.deflated.byteLength)),
  };
}

function describeCycle(label: string, m: CycleMeasurement): string {
  const { snapshot, timestamps, write } = m;
  const failures = snapshot.failures.length > 0 ? `, ${snapshot.failures.length} partial failures` : '';
  const compaction = write.compaction ? `, compaction ${write.compaction.durationMs.toFixed(1)} ms` : '';
  return (
    `  ${label.padEnd(8)} ${String(snapshot.durationMs).padStart(6)} ms  ` +
    `${String(snapshot.requestCount).padStart(4)} requests` +
    ` | analysis ${m.analysisMs.toFixed(1).padStart(7)} ms, timestamps ${timestamps.requested} asked, ` +
    `${timestamps.answered} answered (${m.analysisRequests} requests, ${timestamps.durationMs} ms)` +
    ` | history ${write.writeMs.toFixed(1).padStart(6)} ms, ${write.rows} rows${compaction}` +
    ` | alerts ${m.alertsMs.toFixed(1)} ms, ${m.activeAlerts} active` +
    ` | timeline ${m.timeline.ms.toFixed(1)} ms (${m.timeline.cpuMs.toFixed(1)} ms CPU), ${m.timeline.events} events` +
    ` | scrape render ${m.scrape.renderMs.toFixed(1)} ms, gzip ${m.scrape.deflateCpuMs.toFixed(1)} ms CPU` +
    ` | CPU ${m.cpuMs.toFixed(0)} ms, longest block ${m.longestBlockMs.toFixed(0)} ms` +
    ` (collect ${m.longestBlockByStepMs.collect.toFixed(0)}, analysis ${m.longestBlockByStepMs.analysis.toFixed(0)},` +
    ` history and alerts ${m.longestBlockByStepMs.historyAndAlerts.toFixed(0)})${failures}`
  );
}

function printCycle(label: string, m: CycleMeasurement): void {
  console.log(describeCycle(label, m));
  const { failures } = m.snapshot;
  for (const f of failures.slice(0, 5)) {
    console.log(`             ${f.operation} (broker ${f.broker ?? '?'}): ${f.message}`);
  }
  if (failures.length > 5) console.log(`             ... and ${failures.length - 5} more`);
}

/** One warm-up cycle (connections opened, series created, first compaction) and `cycles` measured ones. */
export async function runCycles(
  client: KafkaClient,
  history: ClusterHistory,
  alerts: ClusterAlerts,
  cycles: number,
): Promise<CycleRun> {
  const analyzer = createAnalyzer({ cluster: BENCH_CLUSTER, client });
  console.log(`\nCycles (collect, analyse, write history, evaluate alerts):`);
  const warmUp = await measureCycle(client, analyzer, history, alerts, null);
  printCycle('warm-up', warmUp);
  const measured: CycleMeasurement[] = [];
  let previous = warmUp.snapshot;
  for (let i = 1; i <= cycles; i++) {
    checkInterrupted();
    const m = await measureCycle(client, analyzer, history, alerts, previous);
    measured.push(m);
    previous = m.snapshot;
    printCycle(`cycle ${i}`, m);
  }
  return { warmUp, measured };
}
