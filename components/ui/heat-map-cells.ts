/**
 * The numbers in the placement heat map's rows, and what an unknown one says.
 */
import type { BrokersResponse } from '@/lib/api/schemas';

type Broker = Pick<BrokersResponse['brokers'][number], 'id' | 'reachable' | 'sizeBytes' | 'sizeError'>;
type Placement = Pick<BrokersResponse['placement'][number], 'replicas' | 'sizeBytes'>;

/**
 * Per broker, its replicas of the topic or their bytes; 0 where it holds none. In the bytes
 * view a broker that did not describe its log dirs (down, or refused) gives null: its bytes
 * are unknown, and a blank cell would say it holds nothing.
 */
export function heatCellValues(row: Placement, brokers: Broker[], metric: 'replicas' | 'bytes'): (number | null)[] {
  return brokers.map((b) => {
    if (metric === 'replicas') return row.replicas[b.id] ?? 0;
    return b.sizeBytes === null ? null : (row.sizeBytes[b.id] ?? 0);
  });
}

/** Why a broker's bytes are unknown, for its cells' title. */
export function unknownBytesReason(broker: Broker): string {
  if (broker.sizeError) return `unknown: ${broker.sizeError}`;
  return broker.reachable
    ? `unknown: broker ${broker.id} did not describe its log dirs`
    : `unknown: broker ${broker.id} is down`;
}
