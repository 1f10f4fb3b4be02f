import type { BrokersResponse } from '@/lib/api/schemas';

/** Singular and plural wording of each problem. */
const PROBLEM_TEXT = {
  'replication-factor-below-2': ['has a single replica', 'have a single replica'],
  'min-insync-unsatisfiable': [
    'asks for more in-sync replicas than it can have (acks=all writes fail)',
    'ask for more in-sync replicas than they can have (acks=all writes fail)',
  ],
} as const;

const SAMPLE = 5;

/** The first few names and how many more, so a cluster of thousands of topics stays readable. */
function listSample(names: string[]): string {
  const more = names.length - SAMPLE;
  return names.slice(0, SAMPLE).join(', ') + (more > 0 ? ` and ${more} more` : '');
}

/** Rack and replication hygiene, in plain words; nothing when all is well. */
export function HygieneWarnings({ data }: { data: BrokersResponse }) {
  const { hygiene, sameRackReplicas, preferredLeaderImbalance } = data.distribution;
  const items: string[] = [];
  if (data.brokers.length < 3)
    items.push(`Only ${data.brokers.length} brokers: fewer than 3 cannot survive a failure with RF 3.`);
  for (const problem of ['replication-factor-below-2', 'min-insync-unsatisfiable'] as const) {
    const topics = hygiene.filter((h) => h.problem === problem).map((h) => h.topic);
    if (topics.length === 0) continue;
    const subject = topics.length === 1 ? `Topic ${topics[0]}` : `${topics.length} topics`;
    const sample = topics.length > 1 ? ` (${listSample(topics)})` : '';
    items.push(`${subject} ${PROBLEM_TEXT[problem][topics.length === 1 ? 0 : 1]}${sample}.`);
  }
  if (sameRackReplicas.length > 0) {
    const sample = listSample(sameRackReplicas.map((r) => `${r.topic}-${r.partition} (${r.rack})`));
    items.push(`${sameRackReplicas.length} partitions keep replicas in one rack: ${sample}.`);
  }
  if (preferredLeaderImbalance.length > 0) {
    items.push(
      `${preferredLeaderImbalance.length} partitions are led by a broker other than their preferred leader (a preferred leader election would rebalance them).`,
    );
  }
  if (items.length === 0) return <p className="muted">No rack or replication problems found.</p>;
  return (
    <ul className="hygiene-warnings" aria-label="Rack and replication warnings">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}
