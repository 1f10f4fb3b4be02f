/**
 * Broker list straight from the cluster metadata.
 *
 * Uses @platformatic/kafka: kafkajs's Metadata parser throws when any partition
 * reports an error, so one offline partition (an RF 1 topic on a stopped broker)
 * would hide every broker.
 */
import { Admin } from '@platformatic/kafka';

export interface BrokerSummary {
  id: number;
  host: string;
  port: number;
}

export async function describeBrokers(brokers: string[], timeoutMs = 5000): Promise<BrokerSummary[]> {
  const admin = new Admin({
    clientId: 'watermark',
    bootstrapBrokers: brokers,
    timeout: timeoutMs,
    retries: 2,
    retryDelay: 250,
  });
  try {
    const metadata = await admin.metadata({ topics: [], forceUpdate: true });
    return [...metadata.brokers.entries()]
      .map(([id, broker]) => ({ id, host: broker.host, port: broker.port }))
      .sort((a, b) => a.id - b.id);
  } finally {
    await admin.close().catch(() => undefined);
  }
}
