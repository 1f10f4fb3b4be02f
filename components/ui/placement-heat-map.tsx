import Link from 'next/link';
import { heatLegendValues, heatShade } from '@/lib/analysis/heat-scale';
import { topPlacements, type PlacementMetric } from '@/lib/analysis/topic-placement';
import type { BrokersResponse } from '@/lib/api/schemas';
import { formatBytes, formatExact } from '@/lib/format/format-number';
import { heatCellValues, unknownBytesReason } from './heat-map-cells';
import { BreakableName } from './breakable-name';

export type HeatMetric = PlacementMetric;

/** Rows the map shows, sorted by the metric shown. */
export const HEAT_MAP_ROWS = 30;

/** The darkest shade, as a share of the accent colour mixed into the cell (numbers stay readable on it). */
const DARKEST_PERCENT = 70;

const shadeStyle = (value: number, max: number) =>
  ({ '--heat': `${(heatShade(value, max) * DARKEST_PERCENT).toFixed(1)}%` }) as React.CSSProperties;

const formatCell = (metric: HeatMetric, value: number) => (metric === 'bytes' ? formatBytes(value) : String(value));

function HeatLegend({ metric, max, unknown }: { metric: HeatMetric; max: number; unknown: boolean }) {
  const what = metric === 'bytes' ? 'bytes' : 'replicas';
  return (
    <div className="heat-legend" data-testid="heat-legend">
      <p>
        One scale for the whole map: the darker the cell, the more {what} that broker holds of that topic; the darkest
        is the largest cell ({formatCell(metric, max)}); blank is none. Rows sorted by{' '}
        {metric === 'bytes' ? 'bytes on all brokers' : 'replicas on all brokers'}.
        {unknown ? ' “–” is unknown: that broker did not describe its log dirs (down, or not allowed).' : null}
      </p>
      <ol className="heat-legend-scale" aria-label={`Shade scale, ${what}`}>
        {heatLegendValues(max, metric === 'replicas').map((value) => (
          <li key={value}>
            <span className="heat-swatch heat-cell" style={shadeStyle(value, max)} aria-hidden="true" />
            {formatCell(metric, value)}
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * Topic × broker grid of the topics with the most replicas or bytes: each cell's shade is
 * its value on one linear scale for the whole map (lib/analysis/heat-scale.ts), so a large
 * topic stands out from a small one and a topic piled on one broker from an even one.
 */
export function PlacementHeatMap({
  cluster,
  data,
  metric,
}: {
  cluster: string;
  data: BrokersResponse;
  metric: HeatMetric;
}) {
  const brokers = data.brokers;
  if (data.placement.length === 0) return <p className="muted">No topics.</p>;
  const rows = topPlacements(data.placement, metric, HEAT_MAP_ROWS).map((row) => ({
    topic: row.topic,
    values: heatCellValues(row, brokers, metric),
  }));
  const max = Math.max(0, ...rows.flatMap((row) => row.values.filter((v) => v !== null)));
  return (
    <>
      <HeatLegend metric={metric} max={max} unknown={rows.some((row) => row.values.includes(null))} />
      <div className="heat-map-scroll">
        <table
          className="heat-map"
          aria-label={`${metric === 'bytes' ? 'Bytes' : 'Replicas'} per topic and broker`}
          data-metric={metric}
        >
          <thead>
            <tr>
              <th scope="col">Topic</th>
              {brokers.map((b) => (
                <th key={b.id} scope="col" className="num">
                  broker {b.id}
                  {b.reachable ? null : <span className="error"> (down)</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.topic} data-topic={row.topic}>
                <td className="heat-map-topic">
                  <Link href={`/clusters/${encodeURIComponent(cluster)}/topics/${encodeURIComponent(row.topic)}`}>
                    <BreakableName name={row.topic} />
                  </Link>
                </td>
                {row.values.map((value, i) =>
                  value === null ? (
                    <td key={brokers[i].id} className="num muted" title={unknownBytesReason(brokers[i])}>
                      –
                    </td>
                  ) : (
                    <td
                      key={brokers[i].id}
                      className="num heat-cell"
                      style={shadeStyle(value, max)}
                      data-heat={heatShade(value, max)}
                      title={metric === 'bytes' ? `${formatExact(value)} bytes` : `${value} replicas`}
                    >
                      {formatCell(metric, value)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
