/**
 * What a cycle writes to the history: the raw samples, and per topic, per group
 * and topic, and for the cluster the sums charts read.
 *
 * A sum is only a total when every partition it covers was read. A partition whose
 * offsets were not read this cycle (ListOffsets failed, its leader down) or whose size
 * was not reported would make a smaller sum, drawn as a drop in lag or size that never
 * happened: such a sample is flagged (partial: no size, no rate across it; lagUnknown: no
 * lag) and writes null there (see AGGREGATE_FLAGS).
 */
import {
  AGGREGATE_FLAGS,
  emptyAggregate,
  type AggregateSample,
  type CycleRecord,
  type HistoryAggregates,
} from '../history/cycle-record';
import type { ClusterAnalysis } from './analysis-types';
import { ownedPartitions, partitionKey } from './partition-key';
import type { ClusterSnapshot } from './snapshot';
import { leaderSizeIndex, offsetsIndex } from './snapshot-indexes';

/** Drops the values an incomplete sample cannot vouch for. */
function settle<T extends AggregateSample>(sample: T): T {
  const settled = { ...sample };
  if (sample.flags & AGGREGATE_FLAGS.partial) settled.sizeBytes = null;
  if (sample.flags & AGGREGATE_FLAGS.lagUnknown) {
    settled.lag = null;
    settled.maxTimeLagSeconds = null;
    settled.flags &= ~AGGREGATE_FLAGS.timeLagLowerBound;
  }
  return settled;
}

function groupTopicSamples(snapshot: ClusterSnapshot, analysis: ClusterAnalysis | null): CycleRecord['groupTopics'] {
  const offsets = offsetsIndex(snapshot);
  const rows: CycleRecord['groupTopics'] = [];
  for (const group of snapshot.groups) {
    const groupAnalysis = analysis?.groups.get(group.groupId);
    const byTopic = new Map<string, AggregateSample>();
    for (const c of group.offsets) {
      const key = partitionKey(c.topic, c.partition);
      const row = byTopic.get(c.topic) ?? { ...emptyAggregate(), committedSum: 0, lag: 0 };
      byTopic.set(c.topic, row);
      const end = offsets.get(key);
      if (!end) {
        row.flags |= AGGREGATE_FLAGS.partial | AGGREGATE_FLAGS.lagUnknown;
        continue;
      }
      const partition = groupAnalysis?.partitions.get(key);
      row.partitionCount++;
      row.endOffsetSum += end.highWatermark;
      row.committedSum! += c.offset;
      row.lag! += Math.max(0, end.highWatermark - c.offset);
      const timeLag = partition?.timeLagSeconds ?? null;
      if (timeLag !== null) row.maxTimeLagSeconds = Math.max(row.maxTimeLagSeconds ?? 0, timeLag);
      if (partition?.timeLagLowerBound && timeLag) row.flags |= AGGREGATE_FLAGS.timeLagLowerBound;
    }
    for (const [topic, row] of byTopic) rows.push({ groupId: group.groupId, topic, ...settle(row) });
  }
  return rows;
}

function topicSamples(snapshot: ClusterSnapshot): CycleRecord['topics'] {
  const offsets = offsetsIndex(snapshot);
  const sizes = leaderSizeIndex(snapshot);
  return snapshot.topics.flatMap((topic) => {
    const row: AggregateSample = { ...emptyAggregate(), startOffsetSum: 0, sizeBytes: 0 };
    for (const p of topic.partitions) {
      const key = partitionKey(topic.name, p.partition);
      const o = offsets.get(key);
      if (!o) {
        row.flags |= AGGREGATE_FLAGS.partial;
        continue;
      }
      row.partitionCount++;
      row.endOffsetSum += o.highWatermark;
      row.startOffsetSum! += o.logStartOffset;
      const size = sizes.get(key);
      row.sizeBytes = size === undefined || row.sizeBytes === null ? null : row.sizeBytes + size;
    }
    // A topic none of whose partitions was read has nothing to write.
    return row.partitionCount === 0 ? [] : [{ topic: topic.name, ...settle(row) }];
  });
}

export function historyRecord(snapshot: ClusterSnapshot, analysis: ClusterAnalysis | null): CycleRecord {
  return { ...historyAggregates(snapshot, analysis), ...rawSamples(snapshot) };
}

/** The sums a cycle adds to the history: per topic, per group and topic, and for the cluster. */
export function historyAggregates(snapshot: ClusterSnapshot, analysis: ClusterAnalysis | null): HistoryAggregates {
  const topics = topicSamples(snapshot);
  const groupTopics = groupTopicSamples(snapshot, analysis);
  // Its produced total and sizes need every partition; its lag, every group's committed partitions.
  const partial = topics.length < snapshot.topics.length || topics.some((row) => row.flags & AGGREGATE_FLAGS.partial);
  const lagUnknown =
    snapshot.groups.some((g) => g.error !== null) || groupTopics.some((row) => row.flags & AGGREGATE_FLAGS.lagUnknown);
  const cluster: AggregateSample = {
    // The cluster's counter is the running produced total, steady across topic churn; its
    // partition count is fixed at 0 so charts never take a created topic for a reset.
    partitionCount: 0,
    endOffsetSum: analysis?.producedTotal ?? 0,
    startOffsetSum: topics.reduce((sum, t) => sum + (t.startOffsetSum ?? 0), 0),
    committedSum: null,
    sizeBytes: topics.some((t) => t.sizeBytes === null) ? null : topics.reduce((sum, t) => sum + t.sizeBytes!, 0),
    lag: groupTopics.length ? groupTopics.reduce((sum, g) => sum + (g.lag ?? 0), 0) : null,
    maxTimeLagSeconds: groupTopics.reduce<number | null>(
      (worst, g) => (g.maxTimeLagSeconds === null ? worst : Math.max(worst ?? 0, g.maxTimeLagSeconds)),
      null,
    ),
    flags:
      (partial ? AGGREGATE_FLAGS.partial : 0) |
      (lagUnknown ? AGGREGATE_FLAGS.lagUnknown : 0) |
      groupTopics.reduce((bits, g) => bits | (g.flags & AGGREGATE_FLAGS.timeLagLowerBound), 0),
  };
  return { t: snapshot.collectedAt, topics, groupTopics, cluster: settle(cluster) };
}

/** The raw samples of a cycle: every partition's offsets and size, every committed offset. */
export function rawSamples(snapshot: ClusterSnapshot): Pick<CycleRecord, 'partitions' | 'commits'> {
  const sizes = leaderSizeIndex(snapshot);
  return {
    partitions: snapshot.offsets.map(({ topic, partition, highWatermark, logStartOffset }) => ({
      topic,
      partition,
      highWatermark,
      logStartOffset,
      sizeBytes: sizes.get(partitionKey(topic, partition)) ?? null,
    })),
    commits: snapshot.groups.flatMap((g) => {
      const owned = ownedPartitions(g);
      return g.offsets.map((c) => ({
        groupId: g.groupId,
        topic: c.topic,
        partition: c.partition,
        committedOffset: c.offset,
        owned: owned.has(partitionKey(c.topic, c.partition)),
      }));
    }),
  };
}
