import type { ClusterSummary } from '@/lib/api/schemas';
import { atLeast, formatCount, formatExact, formatRate } from '@/lib/format/format-number';
import { clusterHealthTones, type HealthTone } from './health-tones';
import { STATUS_SHORT } from './lag-status-meaning';

interface Tile {
  /** data-tile, when the label changes with the value. */
  key?: string;
  label: string;
  value: string;
  exact?: string;
  tone: HealthTone;
  /** A few words under the label, where the label is a status word: what it means. */
  note?: string;
}

const withUnread = (exact: string, unread: number) =>
  unread > 0
    ? `${exact}, at least: ${unread} ${unread === 1 ? 'partition' : 'partitions'} not read in the last poll`
    : exact;

/** The active controller; refused, it is unknown (not missing, which is an alert of its own). */
function controllerTile(c: ClusterSummary): Tile {
  const key = 'controller';
  if (c.controllerError) {
    return { key, label: 'controller: not authorised', value: 'unknown', exact: c.controllerError, tone: 'warn' };
  }
  if (c.controllerId === null) return { key, label: 'controller', value: 'none', tone: 'err' };
  return { key, label: 'controller', value: `broker ${c.controllerId}`, tone: 'ok' };
}

function tiles(c: ClusterSummary): Tile[] {
  const tones = clusterHealthTones(c);
  // Totals over the partitions that were read are lower bounds when some were not.
  const unread = c.unreadPartitions > 0;
  return [
    { label: 'brokers up', value: `${c.brokersUp}/${c.brokerCount}`, tone: tones.brokersUp },
    controllerTile(c),
    { label: 'offline partitions', value: String(c.offlinePartitions), tone: tones.offlinePartitions },
    { label: 'under-replicated', value: String(c.underReplicatedPartitions), tone: tones.underReplicated },
    {
      label: 'groups in ERR',
      value: String(c.groupsByStatus.ERR),
      tone: tones.groupsErr,
      note: STATUS_SHORT.ERR,
    },
    {
      label: 'groups in WARN',
      value: String(c.groupsByStatus.WARN),
      tone: tones.groupsWarn,
      note: STATUS_SHORT.WARN,
    },
    // Committed past the end of the log: shown only when it happens (the consumer will reset).
    ...(c.groupsByStatus.AHEAD > 0
      ? [
          {
            label: 'groups AHEAD',
            value: String(c.groupsByStatus.AHEAD),
            tone: 'warn' as const,
            note: STATUS_SHORT.AHEAD,
          },
        ]
      : []),
    { label: 'groups at retention risk', value: String(c.groupsAtRisk), tone: tones.groupsAtRisk },
    {
      label: 'produced',
      value: atLeast(formatRate(c.produceRate), unread),
      exact: withUnread(formatExact(c.produceRate), c.unreadPartitions),
      tone: 'none',
    },
    {
      label: 'total lag',
      // Only a partition some group committed on makes the lag incomplete.
      value: atLeast(formatCount(c.totalLag), c.totalLagLowerBound),
      exact: c.totalLagLowerBound ? withUnread(formatExact(c.totalLag), c.unreadPartitions) : formatExact(c.totalLag),
      tone: 'none',
    },
  ];
}

/** The cluster at a glance: each tile coloured by whether it needs attention. */
export function HealthTiles({ cluster }: { cluster: ClusterSummary }) {
  return (
    <ul className="health-tiles" aria-label="Cluster health">
      {tiles(cluster).map((tile) => (
        <li key={tile.key ?? tile.label} className={`health-tile tone-${tile.tone}`} data-tile={tile.key ?? tile.label}>
          <strong title={tile.exact}>{tile.value}</strong>
          <span>{tile.label}</span>
          {tile.note ? <small className="health-tile-note">{tile.note}</small> : null}
        </li>
      ))}
    </ul>
  );
}
