/**
 * Cluster rules: brokers, partitions, controller, skew, disk, hygiene.
 */
import { isOffline, isUnderReplicated } from '../api/views/indexes';
import { refusalOf } from '../kafka/authorization';
import type { ClusterState } from '../collector/snapshot';
import { formatApart } from '../format/format-number';
import type { AlertSubject, Condition, RuleId, Severity } from './alert-types';
import type { AlertPolicy, ResolvedTuning } from './alert-policy';
import { FAILURE_ADVICE, headlineOf } from '../format/connection-failure-wording';

function make(
  cluster: string,
  tuning: ResolvedTuning,
  rule: RuleId,
  severity: Severity,
  detail: { id?: string; subject?: Omit<AlertSubject, 'cluster'>; value: number; threshold: number; message: string },
  page = 'brokers',
): Condition {
  return {
    key: `${rule}:${cluster}${detail.id ? `:${detail.id}` : ''}`,
    rule,
    severity,
    subject: { cluster, ...detail.subject },
    value: detail.value,
    threshold: detail.threshold,
    message: detail.message,
    href: `/clusters/${encodeURIComponent(cluster)}${page ? `/${page}` : ''}`,
    forMs: tuning.forMs,
  };
}

function brokerConditions(state: ClusterState, t: ResolvedTuning): Condition[] {
  const snapshot = state.snapshot!;
  const c = state.id;
  const out: Condition[] = [];
  for (const b of snapshot.brokers.filter((broker) => !broker.reachable)) {
    out.push(
      make(c, t, 'broker-unreachable', 'critical', {
        id: String(b.id),
        subject: { broker: b.id },
        value: 1,
        threshold: 0,
        message: `Broker ${b.id} is unreachable${b.error ? `: ${b.error}` : ''}. Check the broker process and its host.`,
      }),
    );
  }
  // Refused (no Describe on the cluster), the controller is unknown, not missing: the pages say so.
  if (snapshot.controllerId === null && !refusalOf(snapshot.failures, 'DescribeQuorum')) {
    out.push(
      make(c, t, 'controller-missing', 'critical', {
        value: 1,
        threshold: 0,
        message: 'No active controller: the KRaft quorum has no leader. Check the controller nodes.',
      }),
    );
  }
  for (const dir of snapshot.logDirs) {
    if (dir.totalBytes === null || dir.usableBytes === null || dir.totalBytes === 0) continue;
    const used = (dir.totalBytes - dir.usableBytes) / dir.totalBytes;
    if (used <= t.logDirUsage) continue;
    const [percent, limit] = formatApart(used * 100, t.logDirUsage * 100, 0);
    out.push(
      make(c, t, 'log-dir-usage', 'warning', {
        id: `${dir.broker}:${dir.path}`,
        subject: { broker: dir.broker },
        value: used,
        threshold: t.logDirUsage,
        message: `Log dir ${dir.path} on broker ${dir.broker} is ${percent}% full (more than ${limit}%). Add disk or lower retention.`,
      }),
    );
  }
  return out;
}

/** "1 partition has" or "3 partitions have". */
const partitionCount = (n: number) => (n === 1 ? '1 partition has' : `${n} partitions have`);

function partitionConditions(state: ClusterState, t: ResolvedTuning): Condition[] {
  const snapshot = state.snapshot!;
  const c = state.id;
  const partitions = snapshot.topics.flatMap((t) => t.partitions);
  const offline = partitions.filter(isOffline).length;
  const under = partitions.filter(isUnderReplicated).length;
  const out: Condition[] = [];
  if (offline > 0) {
    out.push(
      make(c, t, 'offline-partitions', 'critical', {
        value: offline,
        threshold: 0,
        message: `${partitionCount(offline)} no leader: ${offline === 1 ? 'it' : 'they'} cannot be read or written. Bring their brokers back.`,
      }),
    );
  }
  if (under > 0) {
    out.push(
      make(c, t, 'under-replicated-partitions', 'warning', {
        value: under,
        threshold: 0,
        message: `${under === 1 ? '1 partition is' : `${under} partitions are`} under-replicated. A broker is down or falling behind.`,
      }),
    );
  }
  const skew = state.analysis?.distribution.skew;
  for (const metric of ['leaders', 'replicas', 'sizeBytes'] as const) {
    const value = skew?.[metric] ?? null;
    if (value === null || value <= t.skew) continue;
    out.push(
      make(c, t, 'partition-skew', 'warning', {
        id: metric,
        value,
        threshold: t.skew,
        message: `${metric === 'sizeBytes' ? 'Bytes' : metric[0].toUpperCase() + metric.slice(1)} per broker are uneven (${formatApart(value, t.skew, 2).join('× the mean, more than ')}×). Reassign partitions or run a preferred leader election.`,
      }),
    );
  }
  return out;
}

/** "Topic a has" or "3 topics (a, …) have". */
function topicCount(topics: { topic: string }[]): string {
  if (topics.length === 1) return `Topic ${topics[0].topic} has`;
  return `${topics.length} topics (${topics[0].topic}, …) have`;
}

function hygieneConditions(state: ClusterState, t: ResolvedTuning): Condition[] {
  const snapshot = state.snapshot!;
  const c = state.id;
  const out: Condition[] = [];
  if (snapshot.brokers.length < 3) {
    out.push(
      make(c, t, 'hygiene', 'info', {
        id: 'brokers',
        value: snapshot.brokers.length,
        threshold: 3,
        message: `Only ${snapshot.brokers.length} brokers: a cluster needs 3 to survive a failure with replication factor 3.`,
      }),
    );
  }
  for (const problem of ['replication-factor-below-2', 'min-insync-unsatisfiable'] as const) {
    const topics = (state.analysis?.distribution.hygiene ?? []).filter((h) => h.problem === problem);
    if (topics.length === 0) continue;
    out.push(
      make(c, t, 'hygiene', 'info', {
        id: problem,
        value: topics.length,
        threshold: 0,
        message:
          problem === 'replication-factor-below-2'
            ? `${topicCount(topics)} a single replica: losing a broker loses the data.`
            : `${topicCount(topics)} more in-sync replicas than replicas or brokers: acks=all writes fail.`,
      }),
    );
  }
  return out;
}

/** Watermark's own database: while it cannot be written, charts have a gap and a restart loses state. */
function historyConditions(state: ClusterState, t: ResolvedTuning): Condition[] {
  if (!state.historyError) return [];
  const { message, since } = state.historyError;
  return [
    make(
      state.id,
      t,
      'history-write-failed',
      'warning',
      {
        value: 1,
        threshold: 0,
        message: `Watermark cannot write its history database since ${new Date(since).toISOString()}: ${message}. Alerts still work; charts have a gap until it is fixed. Free space in the data directory or check the file.`,
      },
      '',
    ),
  ];
}

/** Cluster rules use the cluster's tuning: overrides name groups and topics. */
export function clusterConditions(state: ClusterState, policy: AlertPolicy): Condition[] {
  if (!state.snapshot) return [];
  const t = policy.cluster();
  return [
    ...brokerConditions(state, t),
    ...partitionConditions(state, t),
    ...hygieneConditions(state, t),
    ...historyConditions(state, t),
  ].filter((condition) => !t.disabled.has(condition.rule));
}

/**
 * The cycle failed: the whole cluster cannot be reached. `value` is the age of the
 * last good data in seconds (0 when there never was any).
 */
export function clusterUnreachableCondition(state: ClusterState, policy: AlertPolicy, nowMs: number): Condition | null {
  const t = policy.cluster();
  if (t.disabled.has('cluster-unreachable')) return null;
  const age = state.lastSuccessAt === null ? 0 : Math.max(0, (nowMs - state.lastSuccessAt) / 1000);
  return make(
    state.id,
    t,
    'cluster-unreachable',
    'critical',
    {
      value: age,
      threshold: 0,
      message: `${headlineOf(state.errorKind)} (cluster ${state.id})${state.error ? `: ${state.error}` : ''}. ${FAILURE_ADVICE[state.errorKind ?? 'unreachable']}; its pages show the last good data.`,
    },
    '',
  );
}
