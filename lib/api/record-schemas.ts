/**
 * The record API's answer: what is at a group's committed offset on one partition (the
 * record a stuck consumer sits on), read from Kafka when asked.
 */
import { z } from 'zod';

const BytesPreview = z.object({
  encoding: z.enum(['text', 'hex']),
  text: z.string(),
  totalBytes: z.number(),
  truncated: z.boolean(),
  redactions: z.number(),
});

export const InspectedRecordView = z.object({
  offset: z.number(),
  timestampMs: z.number().nullable(),
  timestampType: z.enum(['CreateTime', 'LogAppendTime']),
  keyBytes: z.number().nullable(),
  keyFingerprint: z.string().nullable(),
  valueBytes: z.number().nullable(),
  headers: z.array(z.object({ name: z.string(), valueBytes: z.number().nullable() })),
  sequence: z.number(),
  compression: z.enum(['none', 'gzip', 'snappy', 'lz4', 'zstd', 'unknown']),
  transactional: z.boolean(),
  batch: z.object({
    baseOffset: z.number(),
    lastOffset: z.number(),
    recordCount: z.number(),
    index: z.number(),
    sizeBytes: z.number(),
    producerId: z.number(),
    producerEpoch: z.number(),
    baseSequence: z.number(),
    partitionLeaderEpoch: z.number(),
  }),
});
export type InspectedRecordView = z.infer<typeof InspectedRecordView>;

export const RecordOutcome = z.enum(['record', 'end', 'markers-only', 'gone', 'ahead', 'not-authorised', 'error']);
export type RecordOutcome = z.infer<typeof RecordOutcome>;

export const RecordResponse = z.object({
  cluster: z.string(),
  group: z.string(),
  topic: z.string(),
  partition: z.number(),
  /** The group's committed offset at the last poll (`committedAt`), the offset read. */
  committedOffset: z.number(),
  committedAt: z.number(),
  /** When Kafka was asked (epoch ms): the answer is this fresh. */
  readAt: z.number(),
  leader: z.number().nullable(),
  outcome: RecordOutcome,
  /** What the consumer sits on, in one or two sentences. */
  summary: z.string(),
  /** The first data record at or after the committed offset; null when there is none. */
  record: InspectedRecordView.nullable(),
  /** Transaction markers between the committed offset and the record (or the end). */
  markers: z.array(
    z.object({ offset: z.number(), type: z.enum(['COMMIT', 'ABORT', 'UNKNOWN']), producerId: z.number() }),
  ),
  /** Offsets between the committed offset and the record that compaction removed. */
  removedOffsets: z.number(),
  /** The record belongs to a transaction not yet committed or aborted: a read_committed consumer waits for it. */
  openTransaction: z.boolean(),
  logStartOffset: z.number().nullable(),
  highWatermark: z.number().nullable(),
  lastStableOffset: z.number().nullable(),
  error: z.string().nullable(),
  preview: z.object({
    /** off: the cluster has no recordPreview; not-permitted: the asker lacks the role; shown. */
    status: z.enum(['off', 'not-permitted', 'shown']),
    /** The role previews need, when it is not the asker's. */
    role: z.enum(['viewer', 'operator']).nullable(),
    key: BytesPreview.nullable(),
    value: BytesPreview.nullable(),
  }),
});
export type RecordResponse = z.infer<typeof RecordResponse>;
