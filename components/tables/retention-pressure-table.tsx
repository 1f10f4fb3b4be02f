import Link from 'next/link';
import type { RetentionPressure } from './cluster-rankings';
import { formatPercent } from '@/lib/format/format-number';
import { TableScroll } from './table-scroll';
import { BreakableName } from '@/components/ui/breakable-name';

/** Topics fullest against retention.ms (oldest message age) or retention.bytes (largest partition). */
export function RetentionPressureTable({ cluster, topics }: { cluster: string; topics: RetentionPressure[] }) {
  if (topics.length === 0)
    return <p className="muted">No topic has a retention limit it can be measured against yet.</p>;
  return (
    <TableScroll>
      <table aria-label="Topics nearest their retention limits">
        <thead>
          <tr>
            <th>Topic</th>
            <th className="num">Retention used</th>
            <th>Limited by</th>
          </tr>
        </thead>
        <tbody>
          {topics.map((t) => (
            <tr key={t.topic}>
              <td>
                <Link href={`/clusters/${encodeURIComponent(cluster)}/topics/${encodeURIComponent(t.topic)}`}>
                  <BreakableName name={t.topic} />
                </Link>
              </td>
              <td className={`num ${t.usage >= 1 ? 'error' : ''}`}>{formatPercent(t.usage)}</td>
              <td>{t.by === 'age' ? 'retention.ms (oldest message)' : 'retention.bytes (largest partition)'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
