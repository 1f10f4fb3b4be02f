/**
 * What the record at an offset is, from the record batches one Fetch returned: the
 * poison-pill question ("the consumer keeps failing on this message"). Metadata only
 * (sizes, a key fingerprint, header names, the batch's codec and transaction flags)
 * unless the caller asks for the bytes, which it must never keep, log or cache.
 *
 * The walk passes transaction markers (control batches) on the way and counts the offsets
 * that are missing before the record: in a compacted topic those were removed by the
 * log cleaner, so the consumer's next record is a later one.
 */
import { createHash } from 'node:crypto';
import type { KafkaRecord, RecordsBatch } from '@platformatic/kafka';
import {
  COMPRESSION_BITS,
  CONTROL_BATCH,
  readBatch,
  TIMESTAMP_TYPE_LOG_APPEND,
  walkBatches,
} from './record-batch-scan';

const TRANSACTIONAL_BATCH = 1 << 4;
const CODECS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type CompressionCodec = (typeof CODECS)[number] | 'unknown';

/** Where the record sits in its batch, and the batch's producer (as kafka-dump-log prints them). */
export interface BatchPosition {
  baseOffset: number;
  lastOffset: number;
  /** Records in the batch (those compaction left), and this one's place among them (0-based). */
  recordCount: number;
  index: number;
  /** The batch's size in bytes, as stored (compressed). */
  sizeBytes: number;
  /** -1 for a producer without idempotence or transactions. */
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  partitionLeaderEpoch: number;
}

export interface InspectedRecord {
  offset: number;
  /** null for a record without a timestamp (-1). */
  timestampMs: number | null;
  timestampType: 'CreateTime' | 'LogAppendTime';
  /** null: the record has no key. */
  keyBytes: number | null;
  /** First 8 hex digits of the key's SHA-256: tells two keys apart without showing them. */
  keyFingerprint: string | null;
  /** null: a tombstone (no value), which deletes its key in a compacted topic. */
  valueBytes: number | null;
  headers: { name: string; valueBytes: number | null }[];
  /** The producer's sequence number of this record (base sequence + offset delta); -1 without idempotence. */
  sequence: number;
  compression: CompressionCodec;
  transactional: boolean;
  batch: BatchPosition;
}

export type MarkerType = 'COMMIT' | 'ABORT' | 'UNKNOWN';

/** A transaction marker: the control record a producer's commit or abort writes. */
export interface TransactionMarker {
  offset: number;
  type: MarkerType;
  producerId: number;
}

/** The record's bytes, for a preview: only when asked for, and never to be kept. */
export interface RecordBytes {
  key: Buffer | null;
  value: Buffer | null;
}

export type Inspection =
  | {
      kind: 'record';
      record: InspectedRecord;
      bytes: RecordBytes | null;
      /** Markers between the offset asked and the record. */
      markers: TransactionMarker[];
      /** Offsets between the offset asked and the record that are neither it nor a marker: removed by compaction. */
      removedOffsets: number;
    }
  /** No data record from the offset up to the high watermark: nothing there, or only markers. */
  | { kind: 'none'; markers: TransactionMarker[] }
  | { kind: 'incomplete'; neededBytes: number }
  | { kind: 'error'; error: string };

function codecOf(attributes: number): CompressionCodec {
  return CODECS[attributes & COMPRESSION_BITS] ?? 'unknown';
}

const fingerprint = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** A control record's key: version (int16), then type (int16): 0 abort, 1 commit. */
function markerType(record: KafkaRecord): MarkerType {
  if (!record.key || record.key.length < 4) return 'UNKNOWN';
  const type = record.key.readInt16BE(2);
  return type === 1 ? 'COMMIT' : type === 0 ? 'ABORT' : 'UNKNOWN';
}

function describe(batch: RecordsBatch, attributes: number, record: KafkaRecord, index: number, sizeBytes: number) {
  const logAppendTime = (attributes & TIMESTAMP_TYPE_LOG_APPEND) !== 0;
  const timestamp = logAppendTime ? batch.maxTimestamp : batch.firstTimestamp + record.timestampDelta;
  return {
    offset: Number(batch.firstOffset + BigInt(record.offsetDelta)),
    timestampMs: timestamp < 0n ? null : Number(timestamp),
    timestampType: logAppendTime ? 'LogAppendTime' : 'CreateTime',
    keyBytes: record.key ? record.key.length : null,
    keyFingerprint: record.key ? fingerprint(record.key) : null,
    valueBytes: record.value ? record.value.length : null,
    headers: record.headers.map(([name, value]) => ({
      name: name?.toString('utf8') ?? '',
      valueBytes: value ? value.length : null,
    })),
    sequence: batch.firstSequence < 0 ? -1 : batch.firstSequence + record.offsetDelta,
    compression: codecOf(attributes),
    transactional: (attributes & TRANSACTIONAL_BATCH) !== 0,
    batch: {
      baseOffset: Number(batch.firstOffset),
      lastOffset: Number(batch.firstOffset + BigInt(batch.lastOffsetDelta)),
      recordCount: batch.records.length,
      index,
      sizeBytes,
      producerId: Number(batch.producerId),
      producerEpoch: batch.producerEpoch,
      baseSequence: batch.firstSequence,
      partitionLeaderEpoch: batch.partitionLeaderEpoch,
    },
  } satisfies InspectedRecord;
}

/**
 * The first data record at or after `offset` in `records` (a Fetch's record batches for
 * one partition), with the markers passed on the way. A batch cut off by the size limit, or
 * batches missing below the high watermark, make the answer incomplete with (a lower bound
 * of) the bytes needed. `withBytes`: also return the record's key and value.
 */
export function inspectRecordAt(
  records: Buffer,
  offset: bigint,
  highWatermark: bigint,
  withBytes: boolean,
): Inspection {
  const markers: TransactionMarker[] = [];
  const found = walkBatches(records, offset, highWatermark, (bytes, attributes): Inspection | null => {
    const batch = readBatch(bytes);
    if ('error' in batch) return { kind: 'error', error: batch.error };
    for (const [index, record] of batch.records.entries()) {
      const recordOffset = batch.firstOffset + BigInt(record.offsetDelta);
      if (recordOffset < offset) continue;
      if ((attributes & CONTROL_BATCH) !== 0) {
        markers.push({ offset: Number(recordOffset), type: markerType(record), producerId: Number(batch.producerId) });
        continue;
      }
      return {
        kind: 'record',
        record: describe(batch, attributes, record, index, bytes.length),
        bytes: withBytes ? { key: record.key, value: record.value } : null,
        markers,
        removedOffsets: Number(recordOffset - offset) - markers.length,
      };
    }
    return null;
  });
  return found.kind === 'none' ? { kind: 'none', markers } : found;
}
