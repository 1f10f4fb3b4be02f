'use client';
/**
 * Events drawn on a chart's time axis: a dashed vertical line at each (a rebalance, a leader
 * change, a config change), its sentence shown on hover (an SVG <title>). The timeline panel
 * below the charts lists the same events in words, for readers the drawing does not reach.
 */
import { ReferenceLine } from 'recharts';
import type { EventKind } from '@/lib/analysis/cluster-events';
import type { EventsResponse, EventView } from '@/lib/api/event-schemas';
import type { ChartWindow } from './chart-data';

export interface ChartMarker {
  at: number;
  kind: EventKind;
  text: string;
}

/** What a group's lag and rates answer to: its members, its offsets, its topics' leaders and configs. */
export const GROUP_MARKER_KINDS = new Set<EventKind>([
  'group-rebalance',
  'group-assignment',
  'offset-rewind',
  'offset-overtaken',
  'topic-config',
  'partitions-added',
  'leader-changed',
  'partition-offline',
]);

/** What a topic's produce rate answers to: its partitions, leaders and configs. */
export const TOPIC_MARKER_KINDS = new Set<EventKind>([
  'topic-config',
  'partitions-added',
  'leader-changed',
  'partition-offline',
  'partition-online',
]);

/** What a cluster's totals answer to: brokers and the controller. */
export const CLUSTER_MARKER_KINDS = new Set<EventKind>(['broker-down', 'broker-up', 'controller-changed']);

/** The events of these kinds inside the chart's window, as markers, oldest first. */
export function chartMarkers(
  events: EventView[] | undefined,
  kinds: Set<EventKind>,
  window: ChartWindow,
): ChartMarker[] {
  if (!events) return [];
  return events
    .filter((e) => kinds.has(e.kind) && e.at >= window.fromMs && e.at <= window.toMs)
    .map((e) => ({ at: e.at, kind: e.kind, text: e.count > 1 ? `${e.message} (×${e.count})` : e.message }))
    .sort((a, b) => a.at - b.at);
}

function MarkerLabel({ viewBox, text }: { viewBox?: { x: number; y: number }; text: string }) {
  if (!viewBox) return null;
  const { x, y } = viewBox;
  return (
    <g className="chart-marker">
      <title>{text}</title>
      <path d={`M ${x - 5} ${y} L ${x + 5} ${y} L ${x} ${y + 7} Z`} fill="var(--warn)" />
    </g>
  );
}

/** Says so when a chart's window holds more changes than were asked for (the newest are marked). */
export function MarkersNote({ answer }: { answer: EventsResponse | undefined }) {
  if (!answer?.next) return null;
  return (
    <p className="muted chart-markers-note" data-testid="markers-note">
      The chart marks the newest {answer.events.length.toLocaleString('en-US')} changes in this range; older ones are in
      the timeline below.
    </p>
  );
}

/** The markers as recharts reference lines, on the chart's axis `yAxisId` (charts with one axis: omit). */
export function markerLines(markers: ChartMarker[], yAxisId?: string) {
  return markers.map((marker, index) => (
    <ReferenceLine
      key={`${marker.at}-${index}`}
      x={marker.at}
      {...(yAxisId ? { yAxisId } : {})}
      stroke="var(--warn)"
      strokeDasharray="3 3"
      ifOverflow="hidden"
      label={<MarkerLabel text={marker.text} />}
    />
  ));
}
