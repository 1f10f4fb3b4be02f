/**
 * Readings of this process and its Node.js runtime: memory, CPU time, open files,
 * event loop delay and garbage collection. The event loop and GC monitors run from
 * start-up (startProcessMonitors) and live on globalThis, since Next.js may load this
 * module once per bundle.
 */
import fs from 'node:fs';
import { constants, monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';

/** Upper bounds of the GC pause histogram, in seconds (prom-client's, so its dashboards fit). */
export const GC_DURATION_BUCKETS_SECONDS = [0.001, 0.01, 0.1, 1, 2, 5] as const;

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

export interface GcReading {
  kind: string;
  /** Pauses at or under each of GC_DURATION_BUCKETS_SECONDS (cumulative). */
  bucketCounts: number[];
  sumSeconds: number;
  count: number;
}

export interface ProcessReading {
  residentMemoryBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalMemoryBytes: number;
  cpuUserSeconds: number;
  cpuSystemSeconds: number;
  startTimeSeconds: number;
  /** Null where /proc/self/fd cannot be read (not Linux). */
  openFds: number | null;
  /** Since the previous reading; null when no delay was sampled yet. */
  eventLoopDelaySeconds: { p50: number; p90: number; p99: number; max: number; mean: number } | null;
  gc: GcReading[];
}

type EventLoopDelay = NonNullable<ProcessReading['eventLoopDelaySeconds']>;

interface Monitors {
  eventLoop: IntervalHistogram;
  /** The latest window with samples, repeated when a reading comes before the next sample. */
  lastDelay: EventLoopDelay | null;
  gc: Map<string, GcReading>;
  observer: PerformanceObserver;
}

const KEY = Symbol.for('watermark.processMonitors');
type GlobalWithMonitors = typeof globalThis & { [KEY]?: Monitors };

function recordGc(gc: Map<string, GcReading>, kind: string, seconds: number): void {
  let reading = gc.get(kind);
  if (!reading) {
    reading = { kind, bucketCounts: GC_DURATION_BUCKETS_SECONDS.map(() => 0), sumSeconds: 0, count: 0 };
    gc.set(kind, reading);
  }
  GC_DURATION_BUCKETS_SECONDS.forEach((bound, i) => {
    if (seconds <= bound) reading.bucketCounts[i]++;
  });
  reading.sumSeconds += seconds;
  reading.count++;
}

/** Starts the event loop and GC monitors once per process; later calls return them. */
export function startProcessMonitors(): Monitors {
  const global = globalThis as GlobalWithMonitors;
  if (global[KEY]) return global[KEY];
  // Sampled every 10 ms: fine enough for delays that matter to a poll loop, cheap enough to leave on.
  const eventLoop = monitorEventLoopDelay({ resolution: 10 });
  eventLoop.enable();
  const gc = new Map<string, GcReading>();
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      recordGc(gc, GC_KINDS[kind ?? -1] ?? 'other', entry.duration / 1000);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  global[KEY] = { eventLoop, lastDelay: null, gc, observer };
  return global[KEY];
}

function openFds(): number | null {
  try {
    return fs.readdirSync('/proc/self/fd').length;
  } catch {
    return null;
  }
}

/**
 * Reads the process now; the event loop delay is since the previous reading (the histogram
 * restarts). Two readings closer than the 10 ms sampling interval would leave the second without a
 * sample: it repeats the previous window, so a series never vanishes between two scrapes.
 */
export function readProcess(): ProcessReading {
  const monitors = startProcessMonitors();
  const { eventLoop, gc } = monitors;
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  const seconds = (ns: number) => ns / 1e9;
  // Without a sample the histogram reads NaN and huge minimums: nothing new to report.
  if (eventLoop.count > 0) {
    monitors.lastDelay = {
      p50: seconds(eventLoop.percentile(50)),
      p90: seconds(eventLoop.percentile(90)),
      p99: seconds(eventLoop.percentile(99)),
      max: seconds(eventLoop.max),
      mean: seconds(eventLoop.mean),
    };
    eventLoop.reset();
  }
  const delay = monitors.lastDelay;
  return {
    residentMemoryBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    heapTotalBytes: memory.heapTotal,
    externalMemoryBytes: memory.external,
    cpuUserSeconds: cpu.user / 1e6,
    cpuSystemSeconds: cpu.system / 1e6,
    // When the process started, in epoch seconds: constant, unlike now − uptime.
    startTimeSeconds: performance.timeOrigin / 1000,
    openFds: openFds(),
    eventLoopDelaySeconds: delay,
    gc: [...gc.values()].map((g) => ({ ...g, bucketCounts: [...g.bucketCounts] })),
  };
}
