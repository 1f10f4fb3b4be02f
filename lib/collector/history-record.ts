/**
 * What a cycle writes to the history: the raw samples, and per topic, per group
 * and topic, and for the cluster the sums charts read.
 */
import type { AggregateSample, CycleRecord } from '../history/cycle-record';
import type { ClusterAnalysis } from './analysis-types';
import { partitionKey } from './partition-key';
import type { ClusterSnapshot } from './snapshot';
import { leaderSizeIndex, offsetsIndex } from './snapshot-indexes';

const plus = (a: number | null, b: number | null | undefined) => (b == null ? a : (a ?? 0) + b);

function groupTopicSamples(snapshot: ClusterSnapshot, analysis: ClusterAnalysis | null): CycleRecord['groupTopics'] {
  const offsets = offsetsIndex(snapshot);
  const rows: CycleRecord['groupTopics'] = [];
  for (const group of snapshot.groups) {
    const groupAnalysis = analysis?.groups.get(group.groupId);
    const byTopic = new Map<string, AggregateSample>();
    for (const c of group.offsets) {
      const key = partitionKey(c.topic, c.partition);
      const end = offsets.get(key);
      if (!end) continue;
      const row = byTopic.get(c.topic) ?? {
        partitionCount: 0,
        endOffsetSum: 0,
        startOffsetSum: null,
        committedSum: 0,
        sizeBytes: null,
        lag: null,
        maxTimeLagSeconds: null,
      };
      const partition = groupAnalysis?.partitions.get(key);
      row.partitionCount++;
      row.endOffsetSum += end.highWatermark;
      row.committedSum = (row.committedSum ?? 0) + c.offset;
      row.lag = plus(row.lag, Math.max(0, end.highWatermark - c.offset));
      const timeLag = partition?.timeLagSeconds ?? null;
      if (timeLag !== null) row.maxTimeLagSeconds = Math.max(row.maxTimeLagSeconds ?? 0, timeLag);
      byTopic.set(c.topic, row);
    }
    for (const [topic, row] of byTopic) rows.push({ groupId: group.groupId, topic, ...row });
  }
  return rows;
}

export function historyRecord(snapshot: ClusterSnapshot, analysis: ClusterAnalysis | null): CycleRecord {
  const sizes = leaderSizeIndex(snapshot);
  const topics = new Map<string, CycleRecord['topics'][number]>();
  const partitions: CycleRecord['partitions'] = [];
  for (const o of snapshot.offsets) {
    const sizeBytes = sizes.get(partitionKey(o.topic, o.partition)) ?? null;
    partitions.push({ ...o, sizeBytes });
    const topic = topics.get(o.topic) ?? {
      topic: o.topic,
      partitionCount: 0,
      endOffsetSum: 0,
      startOffsetSum: 0,
      committedSum: null,
      sizeBytes: null,
      lag: null,
      maxTimeLagSeconds: null,
    };
    topic.partitionCount++;
    topic.endOffsetSum += o.highWatermark;
    topic.startOffsetSum = (topic.startOffsetSum ?? 0) + o.logStartOffset;
    topic.sizeBytes = plus(topic.sizeBytes, sizeBytes);
    topics.set(o.topic, topic);
  }
  const groupTopics = groupTopicSamples(snapshot, analysis);
  const all = [...topics.values()];
  return {
    t: snapshot.collectedAt,
    partitions: partitions.map(({ topic, partition, highWatermark, logStartOffset, sizeBytes }) => ({
      topic,
      partition,
      highWatermark,
      logStartOffset,
      sizeBytes,
    })),
    commits: snapshot.groups.flatMap((g) =>
      g.offsets.map((c) => ({ groupId: g.groupId, topic: c.topic, partition: c.partition, committedOffset: c.offset })),
    ),
    topics: all,
    groupTopics,
    // The cluster's counter is the running produced total, steady across topic churn; its
    // partition count is fixed at 0 so charts never take a created topic for a reset.
    cluster: {
      partitionCount: 0,
      endOffsetSum: analysis?.producedTotal ?? 0,
      startOffsetSum: all.reduce((sum, t) => sum + (t.startOffsetSum ?? 0), 0),
      committedSum: null,
      sizeBytes: all.reduce<number | null>((sum, t) => plus(sum, t.sizeBytes), null),
      lag: groupTopics.reduce<number | null>((sum, g) => plus(sum, g.lag), null),
      maxTimeLagSeconds: groupTopics.reduce<number | null>(
        (worst, g) => (g.maxTimeLagSeconds === null ? worst : Math.max(worst ?? 0, g.maxTimeLagSeconds)),
        null,
      ),
    },
  };
}
