export interface BrokerRow {
  id: number;
  host: string;
  port: number;
}

export function BrokerTable({ brokers }: { brokers: BrokerRow[] }) {
  return (
    <table aria-label="Brokers">
      <thead>
        <tr>
          <th className="num">Broker</th>
          <th>Host</th>
          <th className="num">Port</th>
        </tr>
      </thead>
      <tbody>
        {brokers.map((broker) => (
          <tr key={broker.id} data-testid={`broker-${broker.id}`}>
            <td className="num">{broker.id}</td>
            <td>{broker.host}</td>
            <td className="num">{broker.port}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
