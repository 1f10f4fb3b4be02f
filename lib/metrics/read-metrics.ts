/**
 * GET /api/metrics: every cluster's metrics in the Prometheus text format, from the
 * collector's latest state (a scrape never reaches Kafka), then Watermark's own health.
 *
 * At 10,000 partitions and 1,000 groups the per-partition and per-group samples are
 * ~20 MB of text and most of a CPU-second to make; they change only with a cycle. So the
 * scrape is cut into segments in family order: those made from the cycles' snapshots and
 * analyses are rendered once per cycle, the live ones (data age, cluster up, history
 * failing, alerts, this process) per scrape. The text is the same as rendering
 * everything at once.
 */
import { silencedBy } from '../alerts/cluster-alerts';
import { getAlerts, getMetricsGranularity, getServiceStats, getStore } from '../collector/runtime';
import type { ClusterState } from '../collector/snapshot';
import type { MetricsGranularity } from '../config/schema';
import { chunkStream } from '../http/chunk-stream';
import { acceptsGzip, deflatePiece, ENCODED_WITH, gzipOfPieces, type DeflatedPiece } from '../http/gzip-body';
import { encodedBodiesPassThrough } from '../http/install-request-guard';
import { alertFamilies, type ClusterAlertStates } from './alert-metrics';
import { BUILD_INFO } from './build-info';
import { addLagExporterSamples, lagExporterFamilies } from './lag-exporter-metrics';
import { readProcess } from './process-metrics';
import { PROMETHEUS_CONTENT_TYPE, toPrometheusText, type MetricFamily } from './prometheus-text';
import { serviceFamilies, type ServiceInput } from './service-metrics';
import {
  addWatermarkCycleSamples,
  addWatermarkLiveSamples,
  LIVE_WATERMARK_FAMILIES,
  watermarkFamilies,
  type WatermarkFamilies,
} from './watermark-metrics';

interface ScrapeInput {
  states: ClusterState[];
  granularity: MetricsGranularity;
  nowMs: number;
  alerts: ClusterAlertStates[];
  service: ServiceInput | null;
}

/** A run of consecutive families that are all per-cycle or all live. */
interface Segment {
  live: boolean;
  families: MetricFamily[];
}

/**
 * The scrape's families in order, cut into segments, with the samples of `part` only (the
 * other part's families stay empty): the cut depends on the order alone, so the per-cycle
 * and the live segments of two calls line up.
 */
function segments(input: ScrapeInput, part: 'cycle' | 'live' | 'all'): Segment[] {
  const lagExporter = lagExporterFamilies();
  const watermark = watermarkFamilies();
  for (const state of input.states) {
    if (part !== 'live') {
      addLagExporterSamples(lagExporter, state, input.granularity);
      addWatermarkCycleSamples(watermark, state, input.granularity);
    }
    if (part !== 'cycle') addWatermarkLiveSamples(watermark, state, input.nowMs);
  }
  const withLive = part !== 'cycle';
  const ordered: [MetricFamily, boolean][] = [
    ...Object.values(lagExporter).map((f): [MetricFamily, boolean] => [f, false]),
    ...(Object.keys(watermark) as (keyof WatermarkFamilies)[]).map((key): [MetricFamily, boolean] => [
      watermark[key],
      LIVE_WATERMARK_FAMILIES.has(key),
    ]),
    ...alertFamilies(withLive ? input.alerts : []).map((f): [MetricFamily, boolean] => [f, true]),
    ...(withLive && input.service ? serviceFamilies(input.service) : []).map((f): [MetricFamily, boolean] => [f, true]),
  ];
  const cut: Segment[] = [];
  for (const [family, live] of ordered) {
    const last = cut.at(-1);
    if (last?.live === live) last.families.push(family);
    else cut.push({ live, families: [family] });
  }
  return cut;
}

export function metricsText(
  states: ClusterState[],
  nowMs: number = Date.now(),
  alerts: ClusterAlertStates[] = [],
  service: ServiceInput | null = null,
  granularity: MetricsGranularity = 'partition',
): string {
  return segments({ states, nowMs, alerts, service, granularity }, 'all')
    .map((segment) => toPrometheusText(segment.families))
    .join('');
}

const render = (segment: Segment) => Buffer.from(toPrometheusText(segment.families));

/** The per-cycle segments of the scrape, rendered, in order. */
export function cycleSegments(states: ClusterState[], granularity: MetricsGranularity = 'partition'): Buffer[] {
  return segments({ states, nowMs: 0, alerts: [], service: null, granularity }, 'cycle')
    .filter((segment) => !segment.live)
    .map(render);
}

/** The scrape's segments in order: the per-cycle ones from `cycle`, the live ones made now. */
export function scrapeSegments(input: ScrapeInput, cycle: Buffer[]): Buffer[] {
  let next = 0;
  return segments(input, 'live').map((segment) => (segment.live ? render(segment) : cycle[next++]));
}

interface CycleSegments {
  segments: Buffer[];
  /** Each segment compressed on its own, made at the first call and kept with them. */
  deflated(): Promise<DeflatedPiece[]>;
}

let cached: { stamp: unknown[]; cycle: CycleSegments } | null = null;

/** The per-cycle segments, made again only when some cluster's snapshot or analysis changed. */
function cachedCycleSegments(states: ClusterState[], granularity: MetricsGranularity): CycleSegments {
  const stamp = [granularity, ...states.flatMap((s) => [s.id, s.snapshot, s.analysis])];
  const same = cached?.stamp.length === stamp.length && cached.stamp.every((v, i) => Object.is(v, stamp[i]));
  if (!same || !cached) {
    const segments = cycleSegments(states, granularity);
    let deflated: Promise<DeflatedPiece[]> | null = null;
    cached = { stamp, cycle: { segments, deflated: () => (deflated ??= Promise.all(segments.map(deflatePiece))) } };
  }
  return cached.cycle;
}

/** The scrape: the running collector's clusters, alerts and cycles, and this process. */
function scrapeInput(nowMs: number): { input: ScrapeInput; cycle: CycleSegments } {
  const states = getStore().list();
  const alerts = states.flatMap((state) => {
    const clusterAlerts = getAlerts(state.id);
    if (!clusterAlerts) return [];
    const silences = clusterAlerts.silences(nowMs);
    return [
      {
        cluster: state.id,
        active: clusterAlerts.active(),
        isSilenced: (a: Parameters<typeof silencedBy>[1]) => silencedBy(silences, a) !== null,
      },
    ];
  });
  const service = { build: BUILD_INFO, clusters: getServiceStats(), process: readProcess() };
  const granularity = getMetricsGranularity();
  return { input: { states, nowMs, alerts, service, granularity }, cycle: cachedCycleSegments(states, granularity) };
}

/** The scrape: the running collector's clusters, alerts and cycles, and this process. */
export function readMetricsSegments(nowMs: number = Date.now()): Buffer[] {
  const { input, cycle } = scrapeInput(nowMs);
  return scrapeSegments(input, cycle.segments);
}

/**
 * The scrape gzipped, as chunks: the per-cycle segments compressed once per cycle, the live
 * ones now, joined into one deflate stream (see gzip-body.ts).
 */
export async function readMetricsGzipped(nowMs: number = Date.now()): Promise<Uint8Array[]> {
  const { input, cycle } = scrapeInput(nowMs);
  const compressed = await cycle.deflated();
  const segments = scrapeSegments(input, cycle.segments);
  const pieces = await Promise.all(
    segments.map((segment) => {
      const index = cycle.segments.indexOf(segment);
      return index >= 0 ? compressed[index] : deflatePiece(segment);
    }),
  );
  return gzipOfPieces(pieces);
}

/**
 * The scrape as a response, streamed from its segments without joining them, gzipped for a
 * client that takes gzip (Prometheus does) with the per-cycle part compressed once per cycle.
 * `no-store` and no ETag: the data age changes every scrape, so no two bodies are the same.
 */
export async function metricsResponse(request: Request): Promise<Response> {
  const headers = { 'Content-Type': PROMETHEUS_CONTENT_TYPE, 'Cache-Control': 'no-store', Vary: 'Accept-Encoding' };
  if (encodedBodiesPassThrough() && acceptsGzip(request.headers.get('accept-encoding'))) {
    return new Response(chunkStream(await readMetricsGzipped()), { headers: { ...headers, [ENCODED_WITH]: 'gzip' } });
  }
  return new Response(chunkStream(readMetricsSegments()), { headers });
}
