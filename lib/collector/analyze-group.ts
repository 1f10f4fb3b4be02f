/**
 * One consumer group's analysis: per committed partition its lag, time lag (exact
 * from the record at the committed offset when read, else estimated), status,
 * consume rate and retention risk; for the group the worst of them, its rates,
 * catch-up and assignment balance.
 */
import { assignmentBalance } from '../analysis/assignment-balance';
import { catchUp } from '../analysis/catch-up';
import { partitionLag, totalLag } from '../analysis/lag';
import { groupStatus, partitionStatus } from '../analysis/lag-status';
import { counterRate, sumRates, bytesPerMessage } from '../analysis/rates';
import { retentionLimits, retentionRisk, type RetentionLimits } from '../analysis/retention-risk';
import { estimateTimeLag, exactTimeLag } from '../analysis/time-lag';
import type { RecordTimestamp } from '../kafka/record-timestamps';
import type { PartitionOffsets } from '../kafka/types';
import type { GroupAnalysis, GroupPartitionAnalysis, PartitionAnalysis } from './analysis-types';
import type { AnalysisInput } from './analyze-snapshot';
import { groupPartitionKey } from './cluster-memory';
import { partitionKey } from './partition-key';
import type { GroupState } from './snapshot';

export interface GroupInput extends AnalysisInput {
  group: GroupState;
  offsets: ReadonlyMap<string, PartitionOffsets>;
  sizes: ReadonlyMap<string, number>;
  partitions: Map<string, PartitionAnalysis>;
  /** Retention limits per topic. */
  limits: Map<string, RetentionLimits>;
}

/** Limits unknown (configs not read): no bound can be given. */
const NO_LIMITS = retentionLimits({ 'cleanup.policy': 'compact' });

type TimeLag = Pick<GroupPartitionAnalysis, 'timeLagSeconds' | 'timeLagSource' | 'timeLagLowerBound'>;

/**
 * True when everything between the committed offset and the end is transaction markers
 * (read at that end): the offsets count as lag, as kafka-consumer-groups says, but there is
 * no message left to consume.
 */
function onlyMarkersBehind(record: RecordTimestamp | undefined, end: PartitionOffsets): boolean {
  return record?.noRecordBelow !== undefined && record.noRecordBelow >= end.highWatermark;
}

/**
 * Exact when the record at the committed offset was read, else interpolated from the
 * partition's (end offset, time) table. When retention already deleted the committed
 * record, the record now at the log start is younger than it was: its age is only a
 * lower bound, and the table may still date the committed offset, so the larger wins
 * (taking the log start's age alone made a group 45 minutes behind read 59 s).
 */
export function groupPartitionTimeLag(input: GroupInput, committed: number, end: PartitionOffsets): TimeLag {
  const now = input.snapshot.collectedAt;
  if (end.highWatermark - committed <= 0)
    return { timeLagSeconds: 0, timeLagSource: 'exact', timeLagLowerBound: false };
  const table = input.memory.partitions.get(partitionKey(end.topic, end.partition))?.offsetTable ?? null;
  // Interpolated only where it is needed: most partitions are read exactly.
  const estimated = (): TimeLag => {
    const estimate = estimateTimeLag(table, committed, end.highWatermark, now);
    if (!estimate) return { timeLagSeconds: null, timeLagSource: null, timeLagLowerBound: false };
    return { timeLagSeconds: estimate.seconds, timeLagSource: 'estimated', timeLagLowerBound: estimate.lowerBound };
  };
  if (committed < end.logStartOffset) {
    const first = input.timestamps.at(end.topic, end.partition, end.logStartOffset);
    const firstAge = first?.timestampMs != null ? exactTimeLag(first.timestampMs, now) : null;
    const estimate = estimated();
    if (firstAge !== null && (estimate.timeLagSeconds === null || firstAge > estimate.timeLagSeconds)) {
      return { timeLagSeconds: firstAge, timeLagSource: 'estimated', timeLagLowerBound: true };
    }
    return estimate;
  }
  const record = input.timestamps.at(end.topic, end.partition, committed);
  if (onlyMarkersBehind(record, end)) {
    // A consumer never receives transaction markers: with only markers left it is caught up.
    return { timeLagSeconds: 0, timeLagSource: 'exact', timeLagLowerBound: false };
  }
  if (record?.timestampMs != null) {
    return { timeLagSeconds: exactTimeLag(record.timestampMs, now), timeLagSource: 'exact', timeLagLowerBound: false };
  }
  return estimated();
}

/** Committed past the end: no record to date, so no time lag (not 0, which would read as caught up). */
const NO_TIME_LAG: TimeLag = { timeLagSeconds: null, timeLagSource: null, timeLagLowerBound: false };

function analyzeGroupPartition(input: GroupInput, committed: number, end: PartitionOffsets): GroupPartitionAnalysis {
  const { memory, options, group, sizes } = input;
  const key = partitionKey(end.topic, end.partition);
  const { lag, committedAheadOfEnd } = partitionLag(committed, end.highWatermark);
  const markersOnly =
    committed >= end.logStartOffset && onlyMarkersBehind(input.timestamps.at(end.topic, end.partition, committed), end);
  const commits = memory.commits.get(groupPartitionKey(group.groupId, end.topic, end.partition));
  const consumeRate = counterRate(commits?.samples ?? [], options.rates);
  const timeLag = committedAheadOfEnd ? NO_TIME_LAG : groupPartitionTimeLag(input, committed, end);
  const size = sizes.get(key) ?? null;
  const perMessage = size === null ? null : bytesPerMessage(size, end.logStartOffset, end.highWatermark);
  return {
    lag,
    ...timeLag,
    status:
      lag === null
        ? null
        : partitionStatus(
            commits?.window ?? [],
            // Caught up for its status when only markers are left: no message is waiting.
            {
              lag: markersOnly ? 0 : lag,
              t: input.snapshot.collectedAt,
              groupHasMembers: group.members.length > 0,
              committedAheadOfEnd,
            },
            options.lagStatus,
          ),
    consumeRate,
    retention: retentionRisk({
      committedOffset: committed,
      logStartOffset: end.logStartOffset,
      // Only markers left: nothing unread for retention to delete.
      highWatermark: markersOnly ? committed : end.highWatermark,
      timeLagSeconds: timeLag.timeLagSeconds,
      sizeBytes: size,
      produceBytesRate: input.partitions.get(key)?.bytesInRate ?? null,
      consumeBytesRate: consumeRate === null || perMessage === null ? null : consumeRate * perMessage,
      limits: input.limits.get(end.topic) ?? NO_LIMITS,
    }),
  };
}

const minOf = (values: (number | null)[]) => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.min(...known) : null;
};
const maxOf = (values: (number | null)[]) => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.max(...known) : null;
};

/**
 * The group's worst time lag is "at least" when some partition's time lag is a lower bound
 * above 0 (a lower bound of 0 is a record produced since the last poll: it cannot be the worst).
 */
const timeLagIsLowerBound = (partitions: GroupPartitionAnalysis[]) =>
  partitions.some((p) => p.timeLagLowerBound && (p.timeLagSeconds ?? 0) > 0);

export function analyzeGroup(input: GroupInput): GroupAnalysis {
  const partitions = new Map<string, GroupPartitionAnalysis>();
  const produceRates: (number | null)[] = [];
  let unreadPartitions = 0;
  for (const c of input.group.offsets) {
    const key = partitionKey(c.topic, c.partition);
    const end = input.offsets.get(key);
    if (!end) {
      unreadPartitions++; // offline, or its offsets not read: nothing to measure against this cycle
      continue;
    }
    partitions.set(key, analyzeGroupPartition(input, c.offset, end));
    produceRates.push(input.partitions.get(key)?.produceRate ?? null);
  }
  const all = [...partitions.values()];
  const statuses = all.flatMap((p) => (p.status ? [p.status] : []));
  const lag = totalLag(all.map((p) => p.lag));
  const produceRate = sumRates(produceRates);
  const consumeRate = sumRates(all.map((p) => p.consumeRate));
  return {
    status: statuses.length ? groupStatus(statuses) : null,
    maxTimeLagSeconds: maxOf(all.map((p) => p.timeLagSeconds)),
    maxTimeLagLowerBound: timeLagIsLowerBound(all),
    unreadPartitions,
    produceRate,
    consumeRate,
    // Committed ahead of the end, the consumer is about to reset: neither caught up nor catching up.
    catchUp: statuses.includes('AHEAD') ? null : catchUp(lag, produceRate, consumeRate),
    assignmentBalance: assignmentBalance(input.group.members),
    minSecondsUntilLoss: minOf(all.map((p) => p.retention.secondsUntilLoss)),
    lostMessages: all.reduce((sum, p) => sum + p.retention.lostMessages, 0),
    partitions,
  };
}
