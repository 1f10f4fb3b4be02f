import type { BrokerView } from '@/lib/api/schemas';

export function BrokerTable({ brokers, controllerId }: { brokers: BrokerView[]; controllerId: number | null }) {
  return (
    <table aria-label="Brokers">
      <thead>
        <tr>
          <th className="num">Broker</th>
          <th>Address</th>
          <th>Rack</th>
          <th>State</th>
          <th className="num">Latency</th>
          <th className="num">Leaders</th>
          <th className="num">Replicas</th>
        </tr>
      </thead>
      <tbody>
        {brokers.map((broker) => (
          <tr key={broker.id} data-testid={`broker-${broker.id}`}>
            <td className="num">
              {broker.id}
              {broker.id === controllerId ? <span title="active controller"> (controller)</span> : null}
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
          </tr>
        ))}
      </tbody>
    </table>
  );
}
