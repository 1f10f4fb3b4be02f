import type { AggregateSample, CycleRecord } from '@/lib/history/cycle-record';

/**
 * One history cycle: topic `topic` with one partition at `offset`, group "g" committed at
 * offset − 10 (lag 10), the same aggregate for the topic, the group and the cluster;
 * `aggregate` changes fields of that aggregate.
 */
export function historyCycle(
  t: number,
  offset: number,
  topic = 't',
  aggregate: Partial<AggregateSample> = {},
): CycleRecord {
  const sample: AggregateSample = {
    partitionCount: 1,
    endOffsetSum: offset,
    startOffsetSum: 0,
    committedSum: offset - 10,
    sizeBytes: offset * 100,
    lag: 10,
    maxTimeLagSeconds: 1,
    flags: 0,
    ...aggregate,
  };
  return {
    t,
    partitions: [{ topic, partition: 0, highWatermark: offset, logStartOffset: 0, sizeBytes: offset * 100 }],
    commits: [{ groupId: 'g', topic, partition: 0, committedOffset: offset - 10, owned: true }],
    topics: [{ topic, ...sample }],
    groupTopics: [{ groupId: 'g', topic, ...sample }],
    cluster: sample,
  };
}
