import type { BrokersResponse } from '@/lib/api/schemas';

/** What this cluster's Kafka version cannot tell us: said once, instead of showing zeros or gaps. */
export function UnavailableFeatures({ features }: { features: BrokersResponse['unavailable'] }) {
  if (features.length === 0) return null;
  return (
    <ul className="muted unavailable-features" aria-label="Not available on this cluster" data-testid="unavailable">
      {features.map((f) => (
        <li key={f.feature}>
          <strong>{f.feature}</strong>: {f.message}
          {f.brokers.length > 0 ? ` (broker${f.brokers.length === 1 ? '' : 's'} ${f.brokers.join(', ')})` : ''}.
        </li>
      ))}
    </ul>
  );
}
