import { BrokerTable, type BrokerRow } from '@/components/tables/broker-table';
import { brokersFromEnv } from '@/lib/config/brokers-from-env';
import { describeBrokers } from '@/lib/kafka/describe-brokers';

export const dynamic = 'force-dynamic';

async function loadBrokers(): Promise<{ brokers: BrokerRow[] } | { error: string }> {
  try {
    return { brokers: await describeBrokers(brokersFromEnv()) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

export default async function HomePage() {
  const result = await loadBrokers();
  return (
    <section>
      <h1>Brokers</h1>
      {'error' in result ? (
        <p className="error" role="alert">
          Cannot reach the cluster: {result.error}
        </p>
      ) : (
        <BrokerTable brokers={result.brokers} />
      )}
    </section>
  );
}
