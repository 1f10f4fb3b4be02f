import type { BrokerView } from '@/lib/api/schemas';
import { NotAuthorised } from '@/components/ui/not-authorised';
import { formatBytes, formatExact, formatPercent } from '@/lib/format/format-number';
import { TableScroll } from './table-scroll';

/** What the Round trip column measures, said under the table (a title alone never shows on a phone). */
export const ROUND_TRIP_NOTE =
  'Round trip: one ApiVersions request from Watermark to the broker and back, timed at every poll (network and request queue, not disk).';

/** What the brokers' byte counts hold, unlike a topic's size (its leaders only). */
export const REPLICA_BYTES_NOTE =
  "Bytes (all replicas): every replica the broker stores, leader and follower alike; a topic's size counts its leaders only.";

/** Share of the broker's log dir space in use, where the broker reports capacity (Kafka 3.3+). */
function diskUsage(broker: BrokerView): { fraction: number; title: string } | null {
  const dirs = broker.logDirs.filter((d) => d.totalBytes !== null && d.usableBytes !== null);
  if (dirs.length === 0) return null;
  const total = dirs.reduce((sum, d) => sum + d.totalBytes!, 0);
  const usable = dirs.reduce((sum, d) => sum + d.usableBytes!, 0);
  if (total === 0) return null;
  return { fraction: (total - usable) / total, title: `${formatBytes(total - usable)} used of ${formatBytes(total)}` };
}

const capacityNotServed = (broker: BrokerView) => broker.logDirs.some((d) => d.capacityNotServed);

const diskUnknownReason = (broker: BrokerView) =>
  capacityNotServed(broker)
    ? 'not available on Kafka before 3.3: the broker cannot report its disk capacity'
    : 'the broker does not report its capacity';

/** What the columns of a BrokerTable measure, in words a phone shows: put it under the table. */
export function BrokerTableNotes({ detailed = false }: { detailed?: boolean }) {
  return (
    <p className="muted table-note" data-testid="broker-table-notes">
      {ROUND_TRIP_NOTE}
      {detailed ? ` ${REPLICA_BYTES_NOTE}` : ''}
    </p>
  );
}

/** Brokers with their health and load; `detailed` adds preferred leaders, bytes and disk usage. */
export function BrokerTable({
  brokers,
  controllerId,
  detailed = false,
}: {
  brokers: BrokerView[];
  controllerId: number | null;
  detailed?: boolean;
}) {
  return (
    <TableScroll>
      <table aria-label="Brokers" className="broker-table">
        <thead>
          <tr>
            <th className="num">Broker</th>
            <th>Address</th>
            <th>Rack</th>
            <th>State</th>
            <th className="num" title={ROUND_TRIP_NOTE}>
              Round trip
            </th>
            <th className="num">Leaders</th>
            <th className="num">Replicas</th>
            {detailed ? (
              <>
                <th className="num">Preferred leaders</th>
                <th className="num" title={REPLICA_BYTES_NOTE}>
                  Bytes (all replicas)
                </th>
                <th className="num">Disk used</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {brokers.map((broker) => {
            const disk = diskUsage(broker);
            return (
              <tr key={broker.id} data-testid={`broker-${broker.id}`}>
                <td className="num">
                  {broker.id}
                  {broker.id === controllerId ? <span title="the active controller"> (controller)</span> : null}
                </td>
                <td>{broker.host ? `${broker.host}:${broker.port}` : 'unknown'}</td>
                <td>{broker.rack ?? '—'}</td>
                <td>
                  {broker.reachable ? (
                    <span className="badge badge-ok">up</span>
                  ) : (
                    <span className="badge badge-unreachable" title={broker.error ?? undefined}>
                      down
                    </span>
                  )}
                </td>
                <td className="num">{broker.latencyMs === null ? '—' : `${broker.latencyMs} ms`}</td>
                <td className="num">{broker.leaderCount}</td>
                <td className="num">{broker.replicaCount}</td>
                {detailed && broker.sizeError ? (
                  <>
                    <td className="num">{broker.preferredLeaderCount}</td>
                    <td className="num">
                      <NotAuthorised message={broker.sizeError} />
                    </td>
                    <td className="num">
                      <NotAuthorised message={broker.sizeError} />
                    </td>
                  </>
                ) : detailed ? (
                  <>
                    <td className="num">{broker.preferredLeaderCount}</td>
                    <td
                      className="num"
                      title={
                        broker.sizeBytes === null
                          ? 'unknown: the broker did not describe its log dirs'
                          : `${formatExact(broker.sizeBytes)} bytes`
                      }
                    >
                      {formatBytes(broker.sizeBytes)}
                    </td>
                    <td className="num" title={disk?.title ?? diskUnknownReason(broker)}>
                      {disk ? formatPercent(disk.fraction) : capacityNotServed(broker) ? 'n/a' : '—'}
                    </td>
                  </>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
