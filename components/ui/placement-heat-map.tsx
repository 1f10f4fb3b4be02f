import Link from 'next/link';
import type { BrokersResponse } from '@/lib/api/schemas';
import { formatBytes, formatExact } from '@/lib/format/format-number';

export type HeatMetric = 'replicas' | 'bytes';

/**
 * Topic × broker grid for the largest topics: each cell's shade is its share of the
 * row's largest cell, so a topic piled on one broker stands out.
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
  const brokers = data.brokers.map((b) => b.id);
  if (data.placement.length === 0) return <p className="muted">No topics.</p>;
  return (
    <table className="heat-map" aria-label={`${metric === 'bytes' ? 'Bytes' : 'Replicas'} per topic and broker`}>
      <thead>
        <tr>
          <th>Topic</th>
          {brokers.map((id) => (
            <th key={id} className="num">
              broker {id}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {data.placement.map((row) => {
          const values = brokers.map((id) => (metric === 'bytes' ? row.sizeBytes[id] : row.replicas[id]) ?? 0);
          const max = Math.max(1, ...values);
          return (
            <tr key={row.topic}>
              <td>
                <Link href={`/clusters/${encodeURIComponent(cluster)}/topics/${encodeURIComponent(row.topic)}`}>
                  {row.topic}
                </Link>
              </td>
              {values.map((value, i) => (
                <td
                  key={brokers[i]}
                  className="num heat-cell"
                  style={{ '--heat': `${Math.round((value / max) * 45)}%` } as React.CSSProperties}
                  title={metric === 'bytes' ? `${formatExact(value)} bytes` : `${value} replicas`}
                >
                  {metric === 'bytes' ? formatBytes(value) : value}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
