/**
 * History responses: chart points, downsampled on the server to at most a few
 * hundred per range.
 */
import { z } from 'zod';
import { Rate } from './schemas';

export const HistoryRange = z.enum(['15m', '1h', '6h', '24h', '7d']);
export type HistoryRange = z.infer<typeof HistoryRange>;

const HistoryMeta = {
  range: HistoryRange,
  from: z.number(),
  to: z.number(),
  stepMs: z.number(),
  /**
   * Epoch ms of the oldest sample kept of this cluster, topic or group, null when none: after
   * `from` on a fresh install (or for a new group), where the charts then start their axis.
   */
  historyStartMs: z.number().nullable(),
};

export const GroupHistoryPoint = z.object({
  t: z.number(),
  lag: z.number().nullable(),
  timeLagSeconds: z.number().nullable(),
  /** timeLagSeconds is "at least": some partition's committed record could not be dated. */
  timeLagLowerBound: z.boolean(),
  produceRate: Rate,
  consumeRate: Rate,
  /** Some partitions were not read in this interval: lag and rates are left empty, not drawn smaller. */
  partial: z.boolean(),
});
export type GroupHistoryPoint = z.infer<typeof GroupHistoryPoint>;

export const GroupHistoryResponse = z.object({
  ...HistoryMeta,
  points: z.array(GroupHistoryPoint),
  /** With ?breakdown=topic: the same points per topic the group consumes. */
  topics: z.array(z.object({ topic: z.string(), points: z.array(GroupHistoryPoint) })).optional(),
});
export type GroupHistoryResponse = z.infer<typeof GroupHistoryResponse>;

export const TopicHistoryPoint = z.object({
  t: z.number(),
  produceRate: Rate,
  bytesInRate: Rate,
  sizeBytes: z.number().nullable(),
  /** Sum over partitions of the log start offset: it moves when retention deletes. */
  logStartOffsetSum: z.number().nullable(),
  /** Messages between log start and end, over all partitions. */
  retainedMessages: z.number().nullable(),
});
export type TopicHistoryPoint = z.infer<typeof TopicHistoryPoint>;

export const TopicHistoryResponse = z.object({ ...HistoryMeta, points: z.array(TopicHistoryPoint) });
export type TopicHistoryResponse = z.infer<typeof TopicHistoryResponse>;

export const ClusterHistoryPoint = z.object({
  t: z.number(),
  produceRate: Rate,
  lag: z.number().nullable(),
  /** Some partitions or groups were not read in this interval: lag and rate are left empty. */
  partial: z.boolean(),
});
export type ClusterHistoryPoint = z.infer<typeof ClusterHistoryPoint>;

export const ClusterHistoryResponse = z.object({ ...HistoryMeta, points: z.array(ClusterHistoryPoint) });
export type ClusterHistoryResponse = z.infer<typeof ClusterHistoryResponse>;
